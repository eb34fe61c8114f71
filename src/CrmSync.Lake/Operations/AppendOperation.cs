using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>WRITE (Append): new files only, a blind append (never conflicts with other appends).</summary>
internal static class AppendOperation
{
    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, IAsyncEnumerable<Row> rows,
        WriteOptions? options, DeltaTableOptions tableOptions, CancellationToken ct)
    {
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, "WRITE")
        {
            Txn = options?.Txn,
            CommitMetadata = options?.CommitMetadata,
            IsBlindAppend = true,
        };
        tx.OperationParameters["mode"] = "Append";
        tx.OperationParameters["partitionBy"] = WrittenFiles.PartitionByJson(snapshot.PartitionColumns);

        using var writer = new TableFileWriter(store, snapshot, tableOptions);
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            await writer.WriteAsync(row, ct).ConfigureAwait(false);
        var files = await writer.CompleteAsync(ct).ConfigureAwait(false);

        tx.AddRange(WrittenFiles.ToAdds(files, tx.NowMs));
        WrittenFiles.AddMetrics(tx, files);
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, "WRITE", tx.Metrics);
    }
}
