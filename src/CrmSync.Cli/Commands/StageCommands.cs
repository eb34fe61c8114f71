using System.CommandLine;
using System.Globalization;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Progress;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Commands;

/// <summary>
/// The pipeline stage verbs, in execution order, with the stages each depends on. This list is the
/// authoritative stage graph: the Databricks job (jobs/crm_sync_job.json) is tested against it.
/// Each verb runs its stage through CrmSync.Pipeline and records it in meta.sync_runs.
/// </summary>
public static class StageCommands
{
    private const string MinFilesOption = "--min-files";

    public static IEnumerable<StageCommand> Create() =>
    [
        Stage(StageNames.Setup, "Create or upgrade every Delta table of the lake (idempotent).", []),
        Ingest(Stage(StageNames.IngestHubSpot, "Read changed HubSpot contacts since the watermark into bronze.", [StageNames.Setup])),
        Ingest(Stage(StageNames.IngestDynamics, "Read changed Dynamics 365 contacts since the delta link into bronze.", [StageNames.Setup])),
        Stage(StageNames.Unify, "Snapshot both sources, link records into people and resolve field winners (silver).", [StageNames.IngestHubSpot, StageNames.IngestDynamics]),
        Stage(StageNames.Scd2, "Record a new history version for every person whose unified fields changed.", [StageNames.Unify]),
        Stage(StageNames.ComputeDeltas, "Write the field-level changes each CRM needs into its gold outbox.", [StageNames.Scd2]),
        Push(Stage(StageNames.PushHubSpot, "Push pending HubSpot outbox rows (batched, idempotent, retried).", [StageNames.ComputeDeltas])),
        Push(Stage(StageNames.PushDynamics, "Push pending Dynamics 365 outbox rows (batched, idempotent, retried).", [StageNames.ComputeDeltas])),
        Compaction(Stage(StageNames.Optimize, "Compact the files of tables where small files or deleted rows have piled up (OPTIMIZE).",
            [StageNames.PushHubSpot, StageNames.PushDynamics])),
    ];

    /// <summary>--full, --since YYYY-MM-DD, --max-records N, --batch-size N: what `run` passes on to the ingest stages too.</summary>
    public static StageOptions ReadOptions(ParseResult parseResult, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var since = parseResult.GetValue<string?>("--since");
        DateOnly? sinceDay = null;
        if (since is not null)
        {
            sinceDay = DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new CliUsageException($"--since '{since}' is not a date like 2025-01-31", "pass --since YYYY-MM-DD");
        }

        return new StageOptions
        {
            Full = parseResult.GetValue<bool>("--full"),
            Since = sinceDay,
            MaxRecords = Positive(parseResult.GetValue<int?>("--max-records"), "--max-records"),
            BatchSize = Positive(parseResult.GetValue<int?>("--batch-size"), "--batch-size"),
            OptimizeMinFiles = Positive(parseResult.GetValue<int?>(MinFilesOption), MinFilesOption),
            DryRun = context.DryRun,
        };
    }

    public static IEnumerable<Option> IngestOptions() =>
    [
        new Option<bool>("--full") { Description = "Ignore the watermark and read every record." },
        new Option<string?>("--since") { Description = "Read records modified on or after this day (YYYY-MM-DD, UTC)." },
        new Option<int?>("--max-records") { Description = "Stop after this many records." },
        BatchSizeOption(),
    ];

    public static Option BatchSizeOption() =>
        new Option<int?>("--batch-size") { Description = "Rows per bronze commit (ingest) or records per API batch (push)." };

    private static StageCommand Ingest(StageCommand stage)
    {
        foreach (var option in IngestOptions())
        {
            stage.Options.Add(option);
        }

        return stage;
    }

    private static StageCommand Compaction(StageCommand stage)
    {
        stage.Options.Add(new Option<int?>(MinFilesOption)
        {
            Description = "Compact a table once this many of its files are compactable (default: lake.optimize_after_files, 20).",
        });
        return stage;
    }

    private static StageCommand Push(StageCommand stage)
    {
        stage.Options.Add(BatchSizeOption());
        return stage;
    }

    private static StageCommand Stage(string name, string description, IReadOnlyList<string> dependsOn)
    {
        var stage = new StageCommand(name, description, dependsOn);
        stage.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            using var loggers = new ConsoleLoggerFactory(context.Console);
            var pipeline = await PipelineInvocation.CreateAsync(parseResult, context, loggers, cancellationToken).ConfigureAwait(false);
            var result = await pipeline.RunStageAsync(name, ReadOptions(parseResult, context), cancellationToken).ConfigureAwait(false);
            return PipelineInvocation.Report(context, [result]);
        });
        return stage;
    }

    private static int? Positive(int? value, string option) => value is <= 0
        ? throw new CliUsageException($"{option} must be a positive number, got {value}", $"pass {option} N with N >= 1")
        : value;
}
