using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmSync.Cli.Hosting;
using CrmSync.Core;
using CrmSync.Pipeline.Operations;
using CrmSync.Pipeline.Operations.DeadLetters;
using CrmSync.Pipeline.Reading;
using CrmSync.Pipeline.Stages.Push;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync dead-letter list|show|retry|discard`: the outbox rows that failed for good, and what to do about them.</summary>
public static class DeadLetterCommands
{
    private const string All = "all";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("dead-letter", "List, inspect, retry or discard outbox rows that failed for good (meta.dead_letter).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Resolve(retry: true));
        command.Subcommands.Add(Resolve(retry: false));
        return command;
    }

    private static Command List()
    {
        var status = new Option<string>("--status")
        {
            Description = "OPEN, RETRIED, DISCARDED or all.",
            DefaultValueFactory = _ => DeadLetterStatus.Open,
        };
        status.AcceptOnlyFromAmong([DeadLetterStatus.Open, DeadLetterStatus.Retried, DeadLetterStatus.Discarded, All]);
        var system = SystemOption();
        var command = new Command("list", "List dead letters, newest failure first.") { status, system };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (context, _, operations) = await OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
            var wanted = parseResult.GetValue(status);
            var letters = (await operations.ListAsync(wanted == All ? null : wanted, cancellationToken).ConfigureAwait(false))
                .Where(d => parseResult.GetValue(system) is not { } s || d.System == s).ToList();
            context.Console.Table(["system", "outbox_id", "status", "operation", "target_id", "attempts", "last failed (UTC)", "error"],
                [.. letters.Select(d => (IReadOnlyList<string?>)[d.System, d.OutboxId, d.Status, d.Operation, d.TargetId,
                    d.Attempts.ToString(CultureInfo.InvariantCulture), d.LastFailedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), d.Error])]);
            context.Console.Info(string.Create(CultureInfo.InvariantCulture, $"{letters.Count} dead letters ({wanted})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("outbox-id") { Description = "The outbox_id of the dead letter (see `crmsync dead-letter list`)." };
        var command = new Command("show", "Show one dead letter in full, with the payload that was refused.") { id };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (context, _, operations) = await OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
            var outboxId = parseResult.GetValue(id)!;
            var letter = await operations.GetAsync(outboxId, cancellationToken).ConfigureAwait(false)
                ?? throw new CliUsageException($"No dead letter with outbox_id {outboxId}.", "copy an outbox_id from `crmsync dead-letter list --status all`");
            foreach (var (name, value) in Fields(letter))
            {
                await context.Console.Data.WriteLineAsync($"{name,-18} {value}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resolve(bool retry)
    {
        var ids = new Argument<string[]>("outbox-id")
        {
            Description = "outbox_id of each dead letter (see `crmsync dead-letter list`).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Every open dead letter (of --system when given)." };
        var system = SystemOption();
        var reason = new Option<string?>("--reason") { Description = "Why they are given up (required; kept in meta.dead_letter.resolution)." };
        var command = retry
            ? new Command("retry", "Put dead letters back in their outbox as PENDING with attempts reset; the next push sends them.") { ids, all, system }
            : new Command("discard", "Give up on dead letters for good, with a reason.") { ids, all, system, reason };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(ids) ?? [];
            var verb = retry ? "retry" : "discard";
            if (chosen.Length == 0 == !parseResult.GetValue(all))
            {
                throw new CliUsageException($"dead-letter {verb} needs outbox ids or --all (not both).",
                    $"pass the outbox_id values from `crmsync dead-letter list`, or --all");
            }

            if (!retry && string.IsNullOrWhiteSpace(parseResult.GetValue(reason)))
            {
                throw new CliUsageException("dead-letter discard needs --reason.", "say why, e.g. --reason \"contact deleted in HubSpot on purpose\"");
            }

            var (context, lake, operations) = await OpenAsync(parseResult, cancellationToken).ConfigureAwait(false);
            var lockOptions = PipelineInvocation.RunLockOptionsFrom(PipelineInvocation.EnvironmentDictionary());
            await using var held = await lake.LockAsync($"dead-letter {verb}", lockOptions, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            try
            {
                await lake.Catalog.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
                var letters = await operations.SelectOpenAsync(chosen, parseResult.GetValue(system), cancellationToken).ConfigureAwait(false);
                var done = retry
                    ? await operations.RetryAsync(letters, cancellationToken).ConfigureAwait(false)
                    : await operations.DiscardAsync(letters, parseResult.GetValue(reason)!, cancellationToken).ConfigureAwait(false);
                var next = retry ? "; the next `crmsync push-hubspot` / `push-dynamics` sends them." : ".";
                context.Console.Info(done.OutboxIds.Count == 0
                    ? "No open dead letters: nothing to do."
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{(retry ? "Retried" : "Discarded")} {done.OutboxIds.Count} dead letters (audit run {done.AuditRunId}){next}"));
                return ExitCodes.Success;
            }
            catch (DeadLetterOperationException e)
            {
                throw new CliUsageException(e.Message, "check the ids and their status with `crmsync dead-letter list --status all`");
            }
        });
        return command;
    }

    private static Option<string?> SystemOption()
    {
        var system = new Option<string?>("--system") { Description = "Only dead letters of this CRM: hubspot or dynamics." };
        system.AcceptOnlyFromAmong(SourceSystemNames.HubSpot, SourceSystemNames.Dynamics);
        return system;
    }

    private static async Task<(CliContext Context, OperatorLake Lake, DeadLetterOperations Operations)> OpenAsync(ParseResult parseResult,
        CancellationToken cancellationToken)
    {
        var context = CliContext.From(parseResult);
        var lake = await StatusCommand.OpenLakeAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
        return (context, lake, new DeadLetterOperations(lake.Catalog, TimeProvider.System));
    }

    private static IEnumerable<(string Name, string? Value)> Fields(DeadLetter letter) =>
    [
        ("system", letter.System),
        ("outbox_id", letter.OutboxId),
        ("status", letter.Status),
        ("unified_contact_id", letter.UnifiedContactId),
        ("target_id", letter.TargetId),
        ("operation", letter.Operation),
        ("attempts", letter.Attempts.ToString(CultureInfo.InvariantCulture)),
        ("first_failed_at", letter.FirstFailedAt.ToString("O", CultureInfo.InvariantCulture)),
        ("last_failed_at", letter.LastFailedAt.ToString("O", CultureInfo.InvariantCulture)),
        ("error_code", letter.ErrorCode),
        ("error", letter.Error),
        ("resolution", letter.Resolution),
        ("resolved_at", letter.ResolvedAt?.ToString("O", CultureInfo.InvariantCulture)),
        ("payload", PrettyJson(letter.Payload)),
    ];

    private static string? PrettyJson(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return Environment.NewLine + JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return payload;
        }
    }
}
