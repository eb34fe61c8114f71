using CrmSync.Lake.Protocol;
using ParquetSharp;
using NetField = Parquet.Schema.DataField;

namespace CrmSync.Cli.Bench;

/// <summary>
/// The floor a Delta write is compared with: the same generated rows written as one plain Parquet
/// file (Snappy, the Lake's row-group size), with ParquetSharp and with Parquet.Net, no Delta log.
/// </summary>
public static class ParquetFloorWriter
{
    public static void WriteWithParquetSharp(string path, long rows, int rowGroupRows)
    {
        var schema = ContactRowGenerator.Schema;
        var columns = schema.Fields.Select(SharpColumn).ToArray();
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var file = new ParquetFileWriter(path, columns, properties);
        for (long start = 0; start < rows; start += rowGroupRows)
        {
            var group = Generate(start, (int)Math.Min(rowGroupRows, rows - start));
            using var rowGroup = file.AppendRowGroup();
            for (var c = 0; c < schema.Count; c++)
            {
                var type = schema[c].Type;
                if (type == PrimitiveType.String)
                {
                    using var writer = rowGroup.NextColumn().LogicalWriter<string?>();
                    writer.WriteBatch(group.Select(values => (string?)values[c]).ToArray());
                }
                else if (type == PrimitiveType.Long)
                {
                    using var writer = rowGroup.NextColumn().LogicalWriter<long?>();
                    writer.WriteBatch(group.Select(values => (long?)values[c]).ToArray());
                }
                else
                {
                    using var writer = rowGroup.NextColumn().LogicalWriter<DateTime?>();
                    writer.WriteBatch(group.Select(values => (DateTime?)((DateTimeOffset)values[c]!).UtcDateTime).ToArray());
                }
            }
        }

        file.Close();
    }

    public static async Task WriteWithParquetNetAsync(string path, long rows, int rowGroupRows, CancellationToken cancellationToken)
    {
        var schema = ContactRowGenerator.Schema;
        var fields = schema.Fields.Select(NetDataField).ToArray();
        await using var stream = File.Create(path);
        await using var file = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(fields), stream,
            new Parquet.ParquetOptions { CompressionMethod = Parquet.CompressionMethod.Snappy }, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (long start = 0; start < rows; start += rowGroupRows)
        {
            var group = Generate(start, (int)Math.Min(rowGroupRows, rows - start));
            using var rowGroup = file.CreateRowGroup();
            for (var c = 0; c < schema.Count; c++)
            {
                var type = schema[c].Type;
                if (type == PrimitiveType.String)
                {
                    await rowGroup.WriteAsync(fields[c], group.Select(values => (string)values[c]!).ToArray()).ConfigureAwait(false);
                }
                else if (type == PrimitiveType.Long)
                {
                    await rowGroup.WriteAsync<long>(fields[c], group.Select(values => (long?)values[c]).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await rowGroup.WriteAsync<DateTime>(fields[c], group.Select(values => (DateTime?)((DateTimeOffset)values[c]!).UtcDateTime).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static object?[][] Generate(long start, int count) =>
        Enumerable.Range(0, count).Select(i => ContactRowGenerator.Values(start + i)).ToArray();

    private static Column SharpColumn(StructField field) =>
        field.Type == PrimitiveType.String ? new Column<string>(field.Name)
        : field.Type == PrimitiveType.Long ? new Column<long?>(field.Name)
        : new Column<DateTime?>(field.Name, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros));

    private static NetField NetDataField(StructField field) =>
        field.Type == PrimitiveType.String ? new Parquet.Schema.DataField<string>(field.Name)
        : field.Type == PrimitiveType.Long ? new Parquet.Schema.DataField<long?>(field.Name)
        : new Parquet.Schema.DataField<DateTime?>(field.Name);
}
