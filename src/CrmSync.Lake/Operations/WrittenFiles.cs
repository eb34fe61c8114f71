using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Operations;

/// <summary>Turns written data files into add actions and the standard write metrics.</summary>
internal static class WrittenFiles
{
    public static IEnumerable<AddFile> ToAdds(IEnumerable<WrittenFile> files, long nowMs) =>
        files.Select(f => new AddFile(PathCodec.EncodeForLog(f.RelativePath), f.PartitionValues, f.Size, nowMs, true, f.Stats));

    public static void AddMetrics(Transaction tx, IReadOnlyList<WrittenFile> files)
    {
        tx.Metrics["numFiles"] = files.Count;
        tx.Metrics["numOutputRows"] = files.Sum(f => f.NumRecords);
        tx.Metrics["numOutputBytes"] = files.Sum(f => f.Size);
    }

    public static string PartitionByJson(IReadOnlyList<string> partitionColumns) =>
        System.Text.Json.JsonSerializer.Serialize(partitionColumns);
}
