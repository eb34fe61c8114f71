using System.Text.Json.Nodes;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using ParquetSharp;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Skips row groups inside a data file using the Parquet column-chunk statistics of integer filter columns (the common
/// key lookup). The chunk's min/max are presented as Delta-style stats so the same <see cref="Expr.MightMatch"/> decides.
/// </summary>
internal static class RowGroupSkipping
{
    public static Func<ParquetFileReader, int, bool>? For(Expr? filter, AddFile file, StructType schema, IReadOnlyList<string> partitionColumns)
    {
        if (filter is null)
            return null;
        var columns = filter.Columns
            .Where(c => !partitionColumns.Contains(c, StringComparer.OrdinalIgnoreCase) && schema.TryIndexOf(c) >= 0)
            .Select(c => schema[c])
            .Where(f => f.Type == PrimitiveType.Long || f.Type == PrimitiveType.Integer || f.Type == PrimitiveType.Short || f.Type == PrimitiveType.Byte)
            .ToList();
        if (columns.Count == 0)
            return null;
        return (reader, g) => MightMatch(reader, g, filter, columns, file, schema, partitionColumns);
    }

    private static bool MightMatch(ParquetFileReader reader, int g, Expr filter, List<StructField> columns, AddFile file,
        StructType schema, IReadOnlyList<string> partitionColumns)
    {
        var min = new JsonObject();
        var max = new JsonObject();
        var nulls = new JsonObject();
        using var rowGroup = reader.RowGroup(g);
        var fileSchema = reader.FileMetaData.Schema;
        for (var i = 0; i < fileSchema.NumColumns; i++)
        {
            var column = fileSchema.Column(i);
            var field = columns.Find(f => column.Path.ToDotVector() is [var only] && string.Equals(only, f.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
                continue;
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(i);
            if (!chunk.IsStatsSet)
                continue;
            using var chunkStats = chunk.Statistics;
            if (chunkStats is null)
                continue;
            nulls[field.Name] = chunkStats.NullCount;
            switch (chunkStats)
            {
                case Statistics<long> l when l.HasMinMax:
                    min[field.Name] = l.Min;
                    max[field.Name] = l.Max;
                    break;
                case Statistics<int> n when n.HasMinMax:
                    min[field.Name] = n.Min;
                    max[field.Name] = n.Max;
                    break;
            }
        }

        var stats = new JsonObject
        {
            ["numRecords"] = rowGroup.MetaData.NumRows,
            ["minValues"] = min,
            ["maxValues"] = max,
            ["nullCount"] = nulls,
        }.ToJsonString();
        // A new AddFile, not `file with { Stats = ... }`: a record copy would carry the file's already parsed stats.
        var rowGroupFile = new AddFile(file.Path, file.PartitionValues, file.Size, file.ModificationTime, file.DataChange, stats);
        var view = new FileView(rowGroupFile, schema, partitionColumns);
        return filter.MightMatch(view);
    }
}
