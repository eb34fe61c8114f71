using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Tests.Conformance;

/// <summary>Counts the rows stored in one data file, deleted ones included (for files whose add action has no stats).</summary>
internal sealed class FileRowCounter(DeltaTable table)
{
    public async Task<long> CountAsync(AddFile file)
    {
        long count = 0;
        await foreach (var batch in TableScan.ReadDataFileAsync(table.Store, table.Snapshot, file, new StructType([]), null, CancellationToken.None))
            count += batch.Count;
        return count;
    }
}
