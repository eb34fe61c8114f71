using System.Diagnostics;
using System.Globalization;
using CrmSync.Cli.Output;
using CrmSync.Cli.Progress;
using CrmSync.Core.Normalization;
using CrmSync.Lake.Expressions;
using CrmSync.Pipeline;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Operations;
using CrmSync.Pipeline.Operations.Convergence;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Stages.Unify;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Cli.Demo;

/// <summary>
/// The whole job against local emulators: seed both CRMs, run every stage (the same <see cref="SyncPipeline"/>
/// `crmsync run` uses, configured from the shipped configs/ with endpoints overridden), let users edit both
/// sides, run again incrementally, then compare both CRMs' full state through the crosswalk.
/// </summary>
internal sealed class DemoRunner(CliConsole console)
{
    public async Task<DemoResult> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        if (DemoLakeFolder.Prepare(options.LakeRoot, options.Reset))
        {
            console.Info($"Replaced the earlier demo lake at {options.LakeRoot}");
        }

        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"Starting the HubSpot and Dynamics emulators on 127.0.0.1 with {options.ContactsPerSide:N0} contacts each (seed {options.Seed})"));
        await using var sandbox = await DemoSandbox.StartAsync(options.ContactsPerSide, options.Seed, cancellationToken).ConfigureAwait(false);
        var settings = await PipelineSettingsLoader.LoadAsync(options.ConfigDirectory, options.LakeRoot, sandbox.Environment(options.LakeRoot),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        using var loggers = new ConsoleLoggerFactory(console);
        var pipeline = new SyncPipeline(settings, new PipelineHost { Loggers = loggers, Progress = new ConsoleProgressSink(console, TimeProvider.System) });

        var first = await RunRoundAsync(pipeline, "Round 1: full sync", cancellationToken).ConfigureAwait(false);
        var linked = await LinkedPeopleAsync(pipeline.Catalog, cancellationToken).ConfigureAwait(false);
        var edits = DemoUsers.Edit(sandbox.HubSpot, sandbox.Dynamics, linked);
        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"Users edited {edits.HubSpotEdits} contacts in HubSpot, {edits.DynamicsEdits} in Dynamics, {edits.ConflictingEdits} on both sides; created {edits.HubSpotCreates} in HubSpot and {edits.DynamicsCreates} in Dynamics"));
        var second = await RunRoundAsync(pipeline, "Round 2: incremental sync after the edits", cancellationToken).ConfigureAwait(false);

        console.Info("Comparing both CRMs field by field through the crosswalk");
        var checker = new ConvergenceChecker(pipeline.Catalog, settings.Mappings, new FieldValueNormalizer(settings.Sources.Dynamics.OptionSets));
        var convergence = await checker.CheckAsync(HubSpotRecords(sandbox.HubSpot), DynamicsRecords(sandbox.Dynamics), cancellationToken).ConfigureAwait(false);
        var tables = await TableRowCounter.CountAllAsync(pipeline.Catalog, cancellationToken).ConfigureAwait(false);
        var deadLetters = await pipeline.DeadLetters.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var conflicts = await (await pipeline.Catalog.OpenAsync(TableNames.FieldConflicts, cancellationToken).ConfigureAwait(false))
            .CountAsync(Expr.Eq("status", FieldConflictStatus.Open), cancellationToken).ConfigureAwait(false);
        return new DemoResult(options, [first, second], edits, tables, deadLetters, conflicts, convergence,
            sandbox.HubSpot.Count, sandbox.Dynamics.Count, Stopwatch.GetElapsedTime(started));
    }

    private async Task<DemoRound> RunRoundAsync(SyncPipeline pipeline, string name, CancellationToken cancellationToken)
    {
        console.Info(name);
        var started = Stopwatch.GetTimestamp();
        var stages = await pipeline.RunAllAsync(new StageOptions(), cancellationToken).ConfigureAwait(false);
        if (stages.FirstOrDefault(s => !s.Succeeded) is { } failed)
        {
            throw new InvalidOperationException($"{name}: stage {failed.Stage} {failed.Status}: {failed.Error}");
        }

        return new DemoRound(name, stages, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>People present in both CRMs and not caught in a duplicate-email conflict, in a stable order.</summary>
    private static async Task<IReadOnlyList<(long HubSpotId, Guid DynamicsId)>> LinkedPeopleAsync(LakeCatalog catalog, CancellationToken cancellationToken)
    {
        var conflicts = await (await catalog.OpenAsync(TableNames.CrosswalkConflicts, cancellationToken).ConfigureAwait(false))
            .ToListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var excluded = conflicts.SelectMany(r => (IReadOnlyList<object?>?)r["related_unified_contact_ids"] ?? []).Cast<string>().ToHashSet(StringComparer.Ordinal);
        var unified = await (await catalog.OpenAsync(TableNames.Unified, cancellationToken).ConfigureAwait(false))
            .ToListAsync(Expr.IsNotNull("hubspot_id") & Expr.IsNotNull("dynamics_id") & Expr.Eq("is_deleted", false),
                ["unified_contact_id", "hubspot_id", "dynamics_id"], cancellationToken).ConfigureAwait(false);
        return [.. unified
            .Where(r => !excluded.Contains((string)r["unified_contact_id"]!))
            .OrderBy(r => (string)r["unified_contact_id"]!, StringComparer.Ordinal)
            .Select(r => (long.Parse((string)r["hubspot_id"]!, CultureInfo.InvariantCulture), Guid.Parse((string)r["dynamics_id"]!)))];
    }

    private static CrmRecords HubSpotRecords(HubSpotEmulator hubspot) => new(hubspot.GetAll(includeArchived: false)
        .ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.Properties, StringComparer.Ordinal));

    private static CrmRecords DynamicsRecords(DynamicsEmulator dynamics) => new(dynamics.GetAll()
        .ToDictionary(c => c.ContactId.ToString("D"), c => (IReadOnlyDictionary<string, string?>)c.Attributes
            .ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal), StringComparer.Ordinal));

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
