using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Audit;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;
using CoreReadMode = CrmSync.Core.Configuration.DynamicsReadMode;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// ingest-hubspot / ingest-dynamics: reads the records changed since the stream's watermark and appends them to
/// bronze in commits of --batch-size rows, each tagged with a Delta txn (appId "stage:table", version from the
/// execution's sequence), then advances the watermark to the highest source time read minus the lookback.
/// Versions bronze already holds (re-read by the lookback overlap) are skipped, so an incremental run writes what changed.
/// A resumed execution re-reads the same window, skips the records its earlier attempt already committed and
/// continues the txn numbering, so nothing is written twice; the watermark moves only after bronze is complete.
/// </summary>
internal sealed partial class IngestStage(StageServices services, SourceSystem system) : IStage
{
    /// <summary>ingest_seq = sequence &lt;&lt; 32 + row number: increasing across executions, so the silver stage can
    /// take exactly the rows added since the last one it processed (files pruned by the column's stats).</summary>
    public const int SequenceShift = 32;
    private const int DefaultBatchSize = 50_000;

    private readonly ILogger _logger = services.Loggers.CreateLogger<IngestStage>();

    public string Name => system == SourceSystem.HubSpot ? StageNames.IngestHubSpot : StageNames.IngestDynamics;

    private string Stream => system == SourceSystem.HubSpot ? WatermarkStore.HubSpotContacts : WatermarkStore.DynamicsContacts;

    private string Table => TableNames.Raw(system);

    private TimeSpan Lookback => system == SourceSystem.HubSpot ? services.Settings.Sources.HubSpot.Lookback : services.Settings.Sources.Dynamics.Lookback;

    public async Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var watermark = options.Full || options.Since is not null ? null : await services.Watermarks.GetAsync(Stream, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? from = options.Since is { } since
            ? new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : watermark?.Value;
        var window = new IngestWindow(from, context.StartedAt, watermark?.Cursor, options.MaxRecords, options.BatchSize ?? DefaultBatchSize);
        return window.ToParameters();
    }

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var window = IngestWindow.FromParameters(context.Parameters);
        var audit = new AuditTrail(services.Catalog, context.RunId, Name, services.Clock);
        using var reader = CreateReader(audit);
        var table = await services.Catalog.OpenAsync(Table, cancellationToken).ConfigureAwait(false);
        var txn = context.Txn(Table);
        var part = context.NextPart(table.Snapshot.GetTransactionVersion(txn.AppId));
        // Ids as hashes (SourceIdHash), not strings: the set holds every id the read returns, a million after a large push.
        var (seen, nextSeq) = context.IsResumed
            ? await CommittedByThisRunAsync(table, context.RunId, cancellationToken).ConfigureAwait(false)
            : (new UInt128Set(), 0L);
        nextSeq = Math.Max(nextSeq, context.Sequence << SequenceShift);
        // Bronze's versions are scanned while the source answers its first requests (HubSpot's count and first search
        // page, Dynamics' token and first page: about half a second at 1M, as long as the scan).
        var versions = Task.Run(() => BronzeVersions.SinceAsync(table, window.From, cancellationToken), cancellationToken);
        var mapper = new BronzeRowMapper(services.Catalog.Schemas[Table], services.Catalog.Schemas.SourceColumns(system),
            system == SourceSystem.HubSpot ? "createdate" : "createdon");

        var chunk = new List<Row>(window.BatchSize);
        DateTimeOffset? maxSeen = null;
        DateTimeOffset? cap = null;
        var truncated = false;
        long read = 0;
        var progress = new IngestProgress(services.Progress, Name, services.Clock);
        var sourceWait = new System.Diagnostics.Stopwatch();
        await using var records = reader.ReadAsync(window, cancellationToken).GetAsyncEnumerator(cancellationToken);
        async ValueTask<bool> NextAsync()
        {
            sourceWait.Start();
            try
            {
                return await records.MoveNextAsync().ConfigureAwait(false);
            }
            finally
            {
                sourceWait.Stop();
            }
        }

        bool more;
        try
        {
            more = await NextAsync().ConfigureAwait(false);
        }
        catch
        {
            // The source failed first: its error is the stage's; the scan (read-only) still ends before the stage does.
            await ((Task)versions).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var ingested = await versions.ConfigureAwait(false);
        // An incremental read returns about the versions its lookback holds: sized once, not grown by rehashing.
        seen.EnsureCapacity(ingested.Count);
        for (; more; more = await NextAsync().ConfigureAwait(false))
        {
            var record = records.Current;
            if (window.MaxRecords is { } max && read >= max)
            {
                truncated = true;
                break;
            }

            progress.BeforeRecord(read, reader.PagesRead, reader.EstimatedTotal);
            read++;
            var idHash = SourceIdHash.Of(record.Id);
            if (!seen.Add(idHash))
            {
                // Seen already in this run (re-read after a crash, or modified again while paging). A newer version
                // is left for the next run: the watermark must not pass it.
                cap = cap is null || record.ModifiedAt < cap ? record.ModifiedAt : cap;
                context.Counts.AddSkipped(1);
                continue;
            }

            if (!record.IsDeleted)
            {
                maxSeen = maxSeen is null || record.ModifiedAt > maxSeen ? record.ModifiedAt : maxSeen;
            }

            var payloadHash = PayloadHash.Of(record.RawJsonUtf8.Span);
            if (ingested.Contains(idHash, record.ModifiedAt, record.IsDeleted, payloadHash))
            {
                // Re-read by the lookback overlap, unchanged since an earlier run wrote it: bronze has this version.
                context.Counts.AddSkipped(1);
                continue;
            }

            chunk.Add(mapper.Map(record, payloadHash, context.RunId, nextSeq++, services.Clock.GetUtcNow()));
            if (chunk.Count >= window.BatchSize)
            {
                await CommitChunkAsync(context, table, chunk, part++, audit, cancellationToken).ConfigureAwait(false);
            }
        }

        context.SourceWait = sourceWait.Elapsed;
        progress.Finished(read, reader.PagesRead, reader.EstimatedTotal);
        context.Counts.AddRead(read);
        await CommitChunkAsync(context, table, chunk, part, audit, cancellationToken).ConfigureAwait(false);
        await AdvanceWatermarkAsync(context, window, maxSeen, cap, truncated, reader, cancellationToken).ConfigureAwait(false);
        await audit.FlushAsync(cancellationToken).ConfigureAwait(false);
        services.Crash.At(CrashPoints.IngestAfterWatermark);
    }

    private async Task CommitChunkAsync(StageContext context, DeltaTable table, List<Row> chunk, long part, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        services.Crash.At(CrashPoints.IngestAfterRead);
        new DataTests(Table, chunk)
            .NotNull("source_id", "source_updated_at", "is_deleted", "run_id", "ingest_seq", "ingested_at", "payload_hash")
            .Unique("run_id", "source_id")
            .ThrowIfFailed();
        var result = await table.AppendAsync(chunk, new WriteOptions
        {
            Txn = context.Txn(Table, part),
            CommitMetadata = new Dictionary<string, string> { ["run_id"] = context.RunId },
        }, cancellationToken).ConfigureAwait(false);
        if (!result.AlreadyCommitted)
        {
            context.Counts.AddCreated(chunk.Count);
        }

        chunk.Clear();
        await audit.FlushAsync(cancellationToken).ConfigureAwait(false);
        services.Crash.At(CrashPoints.IngestAfterBronze);
    }

    private async Task AdvanceWatermarkAsync(
        StageContext context, IngestWindow window, DateTimeOffset? maxSeen, DateTimeOffset? cap, bool truncated, ISourceReader reader,
        CancellationToken cancellationToken)
    {
        var previous = await services.Watermarks.GetAsync(Stream, cancellationToken).ConfigureAwait(false);
        var value = previous?.Value;
        if (maxSeen is { } highest && (!truncated || reader.OrderedByTime))
        {
            var candidate = (cap is { } c && c < highest ? c : highest) - Lookback;
            value = value is null || candidate > value ? candidate : value;
        }
        else if (truncated)
        {
            LogWatermarkKept(Name, window.MaxRecords ?? 0);
        }

        var cursor = truncated ? previous?.Cursor : reader.NextCursor ?? previous?.Cursor;
        if (value == previous?.Value && cursor == previous?.Cursor)
        {
            return;
        }

        await services.Watermarks.SetAsync([new Watermark(Stream, value, cursor, services.Clock.GetUtcNow(), context.RunId)],
            context.Txn(TableNames.Watermarks), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The source ids (as <see cref="SourceIdHash"/>es) an earlier attempt of this run committed, and the next
    /// ingest_seq after them.</summary>
    private static async Task<(UInt128Set Ids, long NextSeq)> CommittedByThisRunAsync(DeltaTable table, string runId, CancellationToken cancellationToken)
    {
        var ids = new UInt128Set();
        long next = 0;
        await foreach (var batch in table.ScanAsync(Expr.Eq("run_id", runId), ["source_id", "ingest_seq"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch.Rows)
            {
                ids.Add(SourceIdHash.Of((string)row[0]!));
                next = Math.Max(next, (long)row[1]! + 1);
            }
        }

        return (ids, next);
    }

    private ISourceReader CreateReader(AuditTrail audit) => system == SourceSystem.HubSpot
        ? new HubSpotSourceReader(services.Connectors.CreateHubSpot(audit))
        : new DynamicsSourceReader(services.Connectors.CreateDynamics(audit),
            services.Settings.Sources.Dynamics.ReadMode == CoreReadMode.ChangeTracking);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stage}: stopped at --max-records {Max}; the watermark stays so the next run reads the rest")]
    private partial void LogWatermarkKept(string stage, int max);
}
