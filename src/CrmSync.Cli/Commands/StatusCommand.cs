using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Output;
using CrmSync.Pipeline.Operations;
using CrmSync.Pipeline.Operations.Status;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync status`: last run per stage, watermarks, outbox backlog, dead letters and open conflicts.</summary>
public static class StatusCommand
{
    /// <summary>Dead letters listed one by one; the rest are counted.</summary>
    private const int ListedDeadLetters = 5;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as one JSON document (for scripts and monitors)." };
        var command = new Command("status", "Show the last run of every stage, watermarks, outbox backlog, dead letters and open manual conflicts.")
        {
            json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var lake = await OpenLakeAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
            var status = await LakeStatusReader.ReadAsync(lake, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                await context.Console.Data.WriteLineAsync(JsonSerializer.Serialize(ToJson(status), Json)).ConfigureAwait(false);
            }
            else
            {
                Print(context.Console, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the lake for an operator verb; a folder without a lake is bad usage (exit 2) naming the folder.</summary>
    internal static async Task<OperatorLake> OpenLakeAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        var lakeOverride = parseResult.GetValue<string?>(GlobalOptions.Lake) is { Length: > 0 } lake ? Path.GetFullPath(lake) : null;
        try
        {
            return await OperatorLake.OpenAsync(context.ConfigDirectory, lakeOverride, PipelineInvocation.EnvironmentDictionary(), TimeProvider.System, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (LakeNotFoundException e)
        {
            throw new CliUsageException(e.Message, "point --lake (or CRMSYNC_LAKE) at the lake folder, or create one with `crmsync setup` or `crmsync demo`");
        }
    }

    private static void Print(CliConsole console, LakeStatus status)
    {
        console.Info($"Lake {status.LakeRoot}");
        console.Table(["stage", "status", "started (UTC)", "duration", "read", "created", "updated", "failed", "skipped", "error"],
            [.. status.Stages.Select(s => (IReadOnlyList<string?>)[s.Stage, s.Status ?? "never run", Time(s.StartedAt), Seconds(s.Duration),
                N(s.Read), N(s.Created), N(s.Updated), N(s.Failed), N(s.Skipped), s.Error is null ? "" : Shorten(s.Error, 60)])],
            "Last run per stage");
        console.Table(["stream", "watermark (UTC)", "cursor", "updated (UTC)", "run"],
            [.. status.Watermarks.Select(w => (IReadOnlyList<string?>)[w.Stream, Time(w.Value), w.Cursor is null ? "" : Shorten(w.Cursor, 40), Time(w.UpdatedAt), w.RunId])],
            "Watermarks");
        console.Table(["system", .. OutboxStatus.All],
            [.. status.Outboxes.Select(o => (IReadOnlyList<string?>)[o.System, .. OutboxStatus.All.Select(s => N(o.Count(s)))])],
            "Outbox rows by status");
        console.Info(string.Create(CultureInfo.InvariantCulture, $"Dead letters: {status.OpenDeadLetters.Count} open")
            + (status.OpenDeadLetters.Count > 0 ? " (`crmsync dead-letter list` to see them, `retry` or `discard` to resolve)" : ""));
        foreach (var letter in status.OpenDeadLetters.Take(ListedDeadLetters))
        {
            console.Info($"  {letter.System} {letter.OutboxId} {Time(letter.LastFailedAt)}: {Shorten(letter.Error ?? "", 100)}");
        }

        console.Info(string.Create(CultureInfo.InvariantCulture, $"Open manual conflicts: {status.OpenConflictCount}")
            + (status.OpenConflicts.Count == 0 ? "" : " (" + string.Join(", ", status.OpenConflicts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Field}: {c.Open}"))) + ")"));
    }

    /// <summary>The JSON shape: dead letters without their payloads (field values stay in the lake).</summary>
    private static object ToJson(LakeStatus status) => new
    {
        status.LakeRoot,
        Stages = status.Stages.Select(s => new
        {
            s.Stage, s.RunId, s.Status, s.StartedAt, s.EndedAt, DurationSeconds = s.Duration?.TotalSeconds, s.Read, s.Created, s.Updated, s.Failed, s.Skipped, s.Error,
        }),
        Watermarks = status.Watermarks.Select(w => new { w.Stream, Watermark = w.Value, w.Cursor, w.UpdatedAt, w.RunId }),
        Outboxes = status.Outboxes.Select(o => new { o.System, o.ByStatus }),
        DeadLetters = new
        {
            Open = status.OpenDeadLetters.Count,
            Rows = status.OpenDeadLetters.Select(d => new { d.System, d.OutboxId, d.UnifiedContactId, d.TargetId, d.Operation, d.Error, d.ErrorCode, d.Attempts, d.LastFailedAt }),
        },
        OpenConflicts = new { Total = status.OpenConflictCount, ByField = status.OpenConflicts },
    };

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string Seconds(TimeSpan? duration) => duration is { } d ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
