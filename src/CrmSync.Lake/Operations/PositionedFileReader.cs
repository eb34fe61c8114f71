using System.Runtime.CompilerServices;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>Reads a logical file for a DV-based DELETE or MERGE: row positions are counted as the data file's batches
/// stream in file order; rows in <c>deleted</c> (the file's current DV) are skipped, their positions still counted.</summary>
internal static class PositionedFileReader
{
    public static async IAsyncEnumerable<PositionedRowBatch> ReadAsync(IObjectStore store, Snapshot snapshot, AddFile file,
        StructType readSchema, RowIndexSet deleted, [EnumeratorCancellation] CancellationToken ct)
    {
        long position = 0;
        await foreach (var batch in TableScan.ReadDataFileAsync(store, snapshot, file, readSchema, null, ct).ConfigureAwait(false))
        {
            var rows = new List<Row>(batch.Count);
            var indexes = new List<long>(batch.Count);
            foreach (var row in batch.Rows)
            {
                if (deleted.Count == 0 || !deleted.Contains(position))
                {
                    rows.Add(row);
                    indexes.Add(position);
                }

                position++;
            }

            yield return new PositionedRowBatch(rows, indexes, position);
        }
    }
}
