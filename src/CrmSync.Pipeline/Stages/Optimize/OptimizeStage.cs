using CrmSync.Lake;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Stages.Optimize;

/// <summary>optimize: compacts each table whose small files (or files with many deleted rows) have piled up, with the Lake's
/// OPTIMIZE. Every merge with deletion vectors adds a file and leaves hidden rows behind, so without this a table's lookups
/// open more files every run. A table is compacted once at least <c>lake.optimize_after_files</c> (or <c>--min-files</c>)
/// of its files are compactable, or once those files hide at least 5% of the table's rows; the others are left alone, so
/// most runs only read the tables' snapshots. Counts: read = files compacted, created = files written, skipped = tables
/// left alone, failed = tables whose compaction met a concurrent commit (tried again next run). Nothing to replay: a
/// resumed execution plans again from the tables as they are, and a table compacted before a crash has nothing left to do.</summary>
internal sealed partial class OptimizeStage(StageServices services) : IStage
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("CrmSync.Pipeline.Optimize");

    public string Name => StageNames.Optimize;

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var minFiles = context.Options.OptimizeMinFiles ?? services.Settings.Sources.OptimizeAfterFiles;
        if (minFiles == 0)
        {
            LogDisabled();
            context.Counts.AddSkipped(TableNames.All.Count);
            return;
        }

        foreach (var table in TableNames.All)
        {
            var handle = await services.Catalog.OpenAsync(table, cancellationToken).ConfigureAwait(false);
            var plan = await handle.OptimizeAsync(new OptimizeOptions { DryRun = true }, cancellationToken).ConfigureAwait(false);
            if (!WorthCompacting(handle, plan, minFiles))
            {
                context.Counts.AddSkipped(1);
                continue;
            }

            if (context.Options.DryRun)
            {
                LogWouldCompact(table, plan.FilesRemoved, plan.FilesBefore, plan.FilesAfter, plan.DeletedRowsDropped);
                context.Counts.AddRead(plan.FilesRemoved);
                continue;
            }

            OptimizeResult result;
            try
            {
                result = await handle.OptimizeAsync(new OptimizeOptions
                {
                    CommitMetadata = new Dictionary<string, string> { ["run_id"] = context.RunId },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (DeltaConcurrencyException e)
            {
                // Only another engine writing beside the run lock gets here; the next run compacts what is left.
                LogConflict(table, e.Message);
                context.Counts.AddFailed(1);
                continue;
            }

            context.Counts.AddRead(result.FilesRemoved);
            context.Counts.AddCreated(result.FilesAdded);
            LogCompacted(table, result.FilesBefore, result.FilesAfter, result.BytesBefore, result.BytesAfter, result.DeletedRowsDropped,
                result.Commit.Version);
        }
    }

    /// <summary>Enough files to compact, or enough dead rows in them to be worth reading and writing them.</summary>
    private static bool WorthCompacting(DeltaTable table, OptimizeResult plan, int minFiles)
    {
        if (plan.FilesRemoved == 0)
        {
            return false;
        }

        var physicalRows = table.Snapshot.Files.Sum(f => f.ParsedStats?.NumRecords ?? 0);
        return plan.FilesRemoved >= minFiles
            || (physicalRows > 0 && plan.DeletedRowsDropped >= OptimizeOptions.DefaultDeletedRowsRatio * physicalRows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compaction is off (lake.optimize_after_files: 0); pass --min-files N to compact now")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Would compact {Table}: {Compacted} of its files (files {Before} -> {After}, {DeletedRows} deleted rows dropped)")]
    private partial void LogWouldCompact(string table, int compacted, int before, int after, long deletedRows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted {Table} at version {Version}: files {Before} -> {After}, bytes {BytesBefore} -> {BytesAfter}, {DeletedRows} deleted rows dropped")]
    private partial void LogCompacted(string table, int before, int after, long bytesBefore, long bytesAfter, long deletedRows, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not compact {Table}: {Reason}; the next run tries again")]
    private partial void LogConflict(string table, string reason);
}
