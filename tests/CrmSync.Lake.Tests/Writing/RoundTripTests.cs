using System.Data.SqlTypes;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using ParquetSharp;

namespace CrmSync.Lake.Tests.Writing;

public class RoundTripTests
{
    private static readonly StructType Address = new(
        new StructField("city", PrimitiveType.String),
        new StructField("zip", PrimitiveType.Integer));

    private static readonly StructType AllTypes = new(
        new StructField("k", PrimitiveType.Integer, nullable: false),
        new StructField("s", PrimitiveType.String),
        new StructField("l", PrimitiveType.Long),
        new StructField("i", PrimitiveType.Integer),
        new StructField("sh", PrimitiveType.Short),
        new StructField("b", PrimitiveType.Byte),
        new StructField("f", PrimitiveType.Float),
        new StructField("d", PrimitiveType.Double),
        new StructField("dec", new DecimalType(38, 18)),
        new StructField("dec_small", new DecimalType(5, 2)),
        new StructField("bool", PrimitiveType.Boolean),
        new StructField("bin", PrimitiveType.Binary),
        new StructField("date", PrimitiveType.Date),
        new StructField("ts", PrimitiveType.Timestamp),
        new StructField("ntz", PrimitiveType.TimestampNtz),
        new StructField("addr", Address),
        new StructField("tags", new ArrayType(PrimitiveType.String)),
        new StructField("nested", new ArrayType(new ArrayType(PrimitiveType.Long))),
        new StructField("people", new ArrayType(Address)),
        new StructField("attrs", new MapType(PrimitiveType.String, PrimitiveType.Long)),
        new StructField("by_id", new MapType(PrimitiveType.Integer, Address)));

    private static IEnumerable<Row> EdgeRows()
    {
        yield return Row.Of(AllTypes,
            0, "", long.MinValue, int.MinValue, short.MinValue, sbyte.MinValue, float.MinValue, double.MinValue,
            SqlDecimal.Parse("-99999999999999999999.999999999999999999"), -999.99m, false, Array.Empty<byte>(),
            new DateOnly(1, 1, 1), new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-10),
            new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Unspecified).AddTicks(1230),
            Row.Of(Address, "Zürich", -1), new List<object?>(), new List<object?> { new List<object?>() },
            new List<object?>(), new List<KeyValuePair<object, object?>>(), new List<KeyValuePair<object, object?>>());
        yield return Row.Of(AllTypes,
            1, "ünïcødé 😀 \u0000 tab\t", long.MaxValue, int.MaxValue, short.MaxValue, sbyte.MaxValue, float.MaxValue, double.MaxValue,
            SqlDecimal.Parse("99999999999999999999.999999999999999999"), 999.99m, true, new byte[] { 0, 1, 255 },
            new DateOnly(9999, 12, 31), new DateTimeOffset(2262, 4, 11, 23, 47, 16, TimeSpan.Zero).AddTicks(8_540),
            new DateTime(2038, 1, 19, 3, 14, 7, DateTimeKind.Unspecified).AddTicks(999_990),
            Row.Of(Address, null, null), new List<object?> { "a", null, "c" },
            new List<object?> { new List<object?> { 1L, 2L }, null, new List<object?> { null } },
            new List<object?> { Row.Of(Address, "Köln", 50667), null },
            new List<KeyValuePair<object, object?>> { new("x", 1L), new("y", null) },
            new List<KeyValuePair<object, object?>> { new(7, Row.Of(Address, "Paris", 75001)), new(8, null) });
        yield return new Row(AllTypes, [2, .. Enumerable.Repeat<object?>(null, AllTypes.Count - 1)]);
        yield return Row.Of(AllTypes,
            3, "x", 0L, 0, (short)0, (sbyte)0, -0.0f, double.Epsilon, SqlDecimal.Parse("0.000000000000000001"), 0.01m, true,
            new byte[] { 42 }, new DateOnly(1970, 1, 1), DateTimeOffset.UnixEpoch, new DateTime(1970, 1, 1),
            null, null, null, null, null, null);
    }

    [Fact]
    public async Task Every_type_round_trips_with_nulls_and_edge_values()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "all", AllTypes);
        var rows = EdgeRows().ToList();
        await table.AppendAsync(rows);

        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "all");
        reopened.Schema.Should().Be(AllTypes);
        reopened.Snapshot.Protocol.MinReaderVersion.Should().Be(3, "timestamp_ntz needs the timestampNtz reader feature");
        reopened.Snapshot.Protocol.ReaderFeatures.Should().Equal("timestampNtz");
        var read = await reopened.ToListAsync();
        Render(read).Should().Equal(Render(rows));
    }

    [Fact]
    public async Task Decimal_38_18_keeps_all_digits_and_timestamps_keep_microseconds_before_1970()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "all", AllTypes);
        await table.AppendAsync(EdgeRows());
        var row = (await table.ToListAsync(Expressions.Expr.Eq("k", 0))).Single();
        ((SqlDecimal)row["dec"]!).ToString().Should().Be("-99999999999999999999.999999999999999999");
        ((DateTimeOffset)row["ts"]!).Should().Be(new DateTimeOffset(1899, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
        row["ntz"].Should().BeOfType<DateTime>().Which.Kind.Should().Be(DateTimeKind.Unspecified);
    }

    [Fact]
    public async Task Data_files_are_spark_readable_parquet()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "plain", TestTables.ContactSchema, ["country"]);
        await table.AppendAsync(TestTables.Contacts(0, 10));

        table.Snapshot.Protocol.Should().Be(new ProtocolAction(1, 2));
        var file = table.Snapshot.Files.Single();
        file.Path.Should().MatchRegex(@"^country=DE/part-00000-[0-9a-f-]{36}-c000\.zstd\.parquet$");
        using var reader = new ParquetFileReader(Path.Combine(dir.Path, "plain", file.DecodedPath));
        var columns = Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i)).ToList();
        columns.Select(c => c.Name).Should().Equal("id", "name", "updated");
        var ts = columns[2];
        ts.PhysicalType.Should().Be(PhysicalType.Int64);
        ts.LogicalType.Should().BeOfType<TimestampLogicalType>().Which.Should().Match<TimestampLogicalType>(t =>
            t.TimeUnit == TimeUnit.Micros && t.IsAdjustedToUtc);
        using var rowGroup = reader.RowGroup(0);
        rowGroup.MetaData.GetColumnChunkMetaData(0).Compression.Should().Be(Compression.Zstd);
    }

    [Theory]
    [InlineData(DataFileCompression.Zstd, Compression.Zstd, ".zstd.parquet")]
    [InlineData(DataFileCompression.Snappy, Compression.Snappy, ".snappy.parquet")]
    [InlineData(DataFileCompression.Lz4Raw, Compression.Lz4, ".lz4raw.parquet")]
    [InlineData(DataFileCompression.Uncompressed, Compression.Uncompressed, "-c000.parquet")]
    public async Task Each_codec_is_written_as_chosen_named_as_spark_names_it_and_reads_back(DataFileCompression codec, Compression inFile, string nameEnd)
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "codec", TestTables.ContactSchema, ["country"],
            options: new DeltaTableOptions { Compression = codec });
        await table.AppendAsync(TestTables.Contacts(0, 50));

        var file = table.Snapshot.Files.Single();
        file.Path.Should().EndWith(nameEnd);
        using (var reader = new ParquetFileReader(Path.Combine(dir.Path, "codec", file.DecodedPath)))
        using (var rowGroup = reader.RowGroup(0))
        {
            Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => rowGroup.MetaData.GetColumnChunkMetaData(i).Compression)
                .Should().AllBeEquivalentTo(inFile);
        }

        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "codec");
        (await reopened.ToListAsync()).Select(r => r["id"]).Should().BeEquivalentTo(TestTables.Contacts(0, 50).Select(r => r["id"]));
    }

    private static List<string> Render(IEnumerable<Row> rows) =>
        rows.OrderBy(r => (int)r["k"]!).Select(r => ValueRenderer.Canonical(ValueRenderer.RenderRow(r))).ToList();
}
