using System.Data.SqlTypes;
using System.Globalization;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using ParquetSharp;

namespace CrmSync.Lake.Tests.Writing;

/// <summary>
/// Pins what a data file is: the Parquet column types Spark reads and the add.stats JSON. The expected texts were
/// produced by the Arrow-builder writer this one replaced, so a faster writer must write exactly the same.
/// </summary>
public class DataFileFormatTests
{
    private static readonly StructType Address = new(
        new StructField("city", PrimitiveType.String),
        new StructField("zip", PrimitiveType.Integer));

    private static readonly StructType Mixed = new(
        new StructField("k", PrimitiveType.Integer, nullable: false),
        new StructField("s", PrimitiveType.String),
        new StructField("long_text", PrimitiveType.String),
        new StructField("l", PrimitiveType.Long),
        new StructField("sh", PrimitiveType.Short),
        new StructField("b", PrimitiveType.Byte),
        new StructField("f", PrimitiveType.Float),
        new StructField("d", PrimitiveType.Double),
        new StructField("d_nan", PrimitiveType.Double),
        new StructField("dec", new DecimalType(38, 18)),
        new StructField("dec_small", new DecimalType(5, 2)),
        new StructField("bool", PrimitiveType.Boolean),
        new StructField("bin", PrimitiveType.Binary),
        new StructField("date", PrimitiveType.Date),
        new StructField("ts", PrimitiveType.Timestamp),
        new StructField("ntz", PrimitiveType.TimestampNtz),
        new StructField("all_null", PrimitiveType.String),
        new StructField("addr", Address),
        new StructField("tags", new ArrayType(PrimitiveType.String)),
        new StructField("nested", new ArrayType(new ArrayType(PrimitiveType.Long))),
        new StructField("people", new ArrayType(Address)),
        new StructField("attrs", new MapType(PrimitiveType.String, PrimitiveType.String)),
        new StructField("seen", new MapType(PrimitiveType.String, PrimitiveType.Timestamp)),
        new StructField("by_id", new MapType(PrimitiveType.Integer, Address)));

    private static readonly string[] Words = ["alpha", "Zürich", "ünïcødé", "😀 smile", "", "tab\there", "\uFFFF", "zz", "Ab", "a"];

    /// <summary>Deterministic rows touching every type, nulls, long strings cut for stats (also inside a surrogate pair
    /// and before U+10FFFF), values before 1970 and sub-millisecond timestamps.</summary>
    private static IEnumerable<Row> MixedRows()
    {
        var epoch = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 300; i++)
        {
            var word = Words[i % Words.Length];
            string? longText = (i % 7) switch
            {
                0 => null,
                1 => new string('m', 31) + "😀" + i.ToString(CultureInfo.InvariantCulture),
                2 => new string('\uFFFD', 33) + i.ToString(CultureInfo.InvariantCulture),
                3 => new string('y', 32) + char.ConvertFromUtf32(0x10FFFF) + "tail",
                _ => "text-" + i.ToString("D4", CultureInfo.InvariantCulture) + new string('x', 40),
            };
            yield return Row.Of(Mixed,
                i,
                i % 11 == 0 ? null : word + i.ToString(CultureInfo.InvariantCulture),
                longText,
                i % 5 == 0 ? null : (i - 150) * 1_000_000_007L,
                (short)(i * 97 - 15_000),
                (sbyte)(i % 256 - 128),
                i % 13 == 0 ? null : (i - 100) / 3.0f,
                (i - 120) * 1.25e-3,
                i == 42 ? double.NaN : i * 2.5,
                SqlDecimal.Parse(((i - 150) * 12_345.678901234567m).ToString(CultureInfo.InvariantCulture)),
                (i % 200 - 100) * 9.99m,
                i % 9 == 0 ? null : i % 2 == 0,
                i % 6 == 0 ? null : new[] { (byte)i, (byte)(255 - i % 256) },
                new DateOnly(1969, 12, 25).AddDays(i * 3),
                i % 4 == 0 ? null : epoch.AddTicks((i - 150) * 123_456_789L + i % 10),
                new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Unspecified).AddTicks(i * 7_777_777L),
                null,
                i % 8 == 0 ? null : Row.Of(Address, i % 3 == 0 ? null : word, i % 5 == 0 ? null : 10_000 + i),
                i % 10 == 0 ? null : new List<object?> { word, null, "t" + i.ToString(CultureInfo.InvariantCulture) },
                i % 12 == 0 ? null : new List<object?> { new List<object?> { (long)i, null }, null, new List<object?>() },
                new List<object?> { Row.Of(Address, word, i), null },
                i % 3 == 0 ? new List<KeyValuePair<object, object?>>() : new List<KeyValuePair<object, object?>> { new("email", word), new("phone", null) },
                new List<KeyValuePair<object, object?>> { new("email", epoch.AddSeconds(i)), new("name", null) },
                i % 14 == 0 ? null : new List<KeyValuePair<object, object?>> { new(i, Row.Of(Address, word, i)), new(-i - 1, null) });
        }
    }

    [Fact]
    public async Task Stats_of_a_mixed_batch_are_the_ones_spark_would_write()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "mixed", Mixed);
        await table.AppendAsync(MixedRows());

        var stats = table.Snapshot.Files.Single().Stats;

        stats.Should().Be(ExpectedStats);
    }

    [Fact]
    public async Task Parquet_columns_keep_their_physical_and_logical_types()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "mixed", Mixed, options: new DeltaTableOptions { RowGroupRows = 128 });
        await table.AppendAsync(MixedRows());

        using var reader = new ParquetFileReader(Path.Combine(dir.Path, "mixed", table.Snapshot.Files.Single().DecodedPath));
        var metadata = reader.FileMetaData;
        var columns = Enumerable.Range(0, metadata.NumColumns).Select(i => Describe(metadata.Schema.Column(i))).ToList();

        columns.Should().Equal(ExpectedColumns);
        metadata.NumRowGroups.Should().Be(3, "300 rows in row groups of 128");
        metadata.NumRows.Should().Be(300);
        metadata.KeyValueMetadata.Should().BeEmpty();
        using var rowGroup = reader.RowGroup(0);
        Enumerable.Range(0, metadata.NumColumns).Select(i => rowGroup.MetaData.GetColumnChunkMetaData(i).Compression)
            .Should().AllBeEquivalentTo(Compression.Zstd, "Zstd is the default codec");
    }

    [Fact]
    public async Task Mixed_rows_read_back_as_written_across_row_groups_and_files()
    {
        using var dir = new TempDirectory();
        // Small row groups and files: nulls first appear deep into a row group, bitmaps cross byte boundaries, and
        // every file after the first reuses the buffers of the one before.
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "mixed", Mixed,
            options: new DeltaTableOptions { RowGroupRows = 29, MaxRowsPerFile = 97 });
        var rows = MixedRows().Select(WithoutNaN).ToList();
        await table.AppendAsync(rows);

        table.Snapshot.Files.Should().HaveCount(4);
        var read = await table.ToListAsync();
        Render(read).Should().Equal(Render(rows));
    }

    [Fact]
    public async Task A_lone_surrogate_is_written_as_U_FFFD_and_the_stats_bound_what_was_written()
    {
        using var dir = new TempDirectory();
        var schema = new StructType(new StructField("s", PrimitiveType.String));
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", schema);
        await table.AppendAsync([Row.Of(schema, "a\uD800"), Row.Of(schema, "a\uFFFC")]);

        var read = (await table.ToListAsync()).Select(r => (string)r["s"]!).Order(StringComparer.Ordinal);
        read.Should().Equal("a\uFFFC", "a\uFFFD");
        var stats = table.Snapshot.Files.Single().ParsedStats!;
        stats.MinValues!["s"]!.GetValue<string>().Should().Be("a\uFFFC");
        stats.MaxValues!["s"]!.GetValue<string>().Should().Be("a\uFFFD", "an upper bound of the bytes in the file");
    }

    [Theory]
    [InlineData(new[] { "a\0", "a", "b", "a\0\0\0\0\0\0\0\0x" }, "a", "b")]
    [InlineData(new[] { "\0", "" }, "", "\0")]
    [InlineData(new[] { "prefix-9", "prefix-10", "prefix-1", "prefix-" }, "prefix-", "prefix-9")]
    [InlineData(new[] { "\uFFFF", "\uD83D\uDE00", "\uE000", "z" }, "z", "\uD83D\uDE00")]
    public async Task String_bounds_follow_code_point_order_whatever_the_values_share(string[] values, string min, string max)
    {
        using var dir = new TempDirectory();
        var schema = new StructType(new StructField("s", PrimitiveType.String));
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", schema);
        await table.AppendAsync(values.Select(v => Row.Of(schema, v)));

        var stats = table.Snapshot.Files.Single().ParsedStats!;

        stats.MinValues!["s"]!.GetValue<string>().Should().Be(min);
        stats.MaxValues!["s"]!.GetValue<string>().Should().Be(max);
    }

    private static Row WithoutNaN(Row row)
    {
        var values = row.ToArray();
        values[Mixed.IndexOf("d_nan")] = values[Mixed.IndexOf("d_nan")] is double.NaN ? -1.5 : values[Mixed.IndexOf("d_nan")];
        return new Row(Mixed, values);
    }

    private static List<string> Render(IEnumerable<Row> rows) =>
        rows.OrderBy(r => (int)r["k"]!).Select(r => ValueRenderer.Canonical(ValueRenderer.RenderRow(r))).ToList();

    private static string Describe(ColumnDescriptor column) => string.Create(CultureInfo.InvariantCulture,
        $"{column.Path.ToDotString()} {column.PhysicalType} {column.LogicalType} def={column.MaxDefinitionLevel} rep={column.MaxRepetitionLevel}");

    private const string ExpectedStats =
        """
        {"numRecords":300,"minValues":{"k":0,"s":"104","long_text":"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm","l":-149000001043,"sh":-15000,"b":-128,"f":-33,"d":-0.15,"dec":-1851851.835185185050000000,"dec_small":-999.00,"date":"1969-12-25","ts":"2026-05-01T09:29:20.493Z","ntz":"1969-12-31T23:59:59.000","addr":{"city":"","zip":10001}},"maxValues":{"k":299,"s":"\uD83D\uDE00 smile93","long_text":"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uDBFF\uDFFF","l":149000001043,"sh":14003,"b":127,"f":66,"d":0.22375,"dec":1839506.156283950483000000,"dec_small":989.01,"date":"1972-06-09","ts":"2026-05-01T10:30:39.507Z","ntz":"1970-01-01T00:03:51.556","addr":{"city":"\uD83D\uDE00 smile","zip":10299}},"nullCount":{"k":0,"s":28,"long_text":43,"l":60,"sh":0,"b":0,"f":24,"d":0,"d_nan":0,"dec":0,"dec_small":0,"bool":34,"bin":50,"date":0,"ts":75,"ntz":0,"all_null":300,"addr":{"city":125,"zip":90}}}
        """;

    private static readonly string[] ExpectedColumns =
    [
        "k Int32 None def=0 rep=0",
        "s ByteArray String def=1 rep=0",
        "long_text ByteArray String def=1 rep=0",
        "l Int64 None def=1 rep=0",
        "sh Int32 Int(bitWidth=16, isSigned=true) def=1 rep=0",
        "b Int32 Int(bitWidth=8, isSigned=true) def=1 rep=0",
        "f Float None def=1 rep=0",
        "d Double None def=1 rep=0",
        "d_nan Double None def=1 rep=0",
        "dec FixedLenByteArray Decimal(precision=38, scale=18) def=1 rep=0",
        "dec_small FixedLenByteArray Decimal(precision=5, scale=2) def=1 rep=0",
        "bool Boolean None def=1 rep=0",
        "bin ByteArray None def=1 rep=0",
        "date Int32 Date def=1 rep=0",
        "ts Int64 Timestamp(isAdjustedToUTC=true, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false) def=1 rep=0",
        "ntz Int64 Timestamp(isAdjustedToUTC=false, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false) def=1 rep=0",
        "all_null ByteArray String def=1 rep=0",
        "addr.city ByteArray String def=2 rep=0",
        "addr.zip Int32 None def=2 rep=0",
        "tags.list.element ByteArray String def=3 rep=1",
        "nested.list.element.list.element Int64 None def=5 rep=2",
        "people.list.element.city ByteArray String def=4 rep=1",
        "people.list.element.zip Int32 None def=4 rep=1",
        "attrs.key_value.key ByteArray String def=2 rep=1",
        "attrs.key_value.value ByteArray String def=3 rep=1",
        "seen.key_value.key ByteArray String def=2 rep=1",
        "seen.key_value.value Int64 Timestamp(isAdjustedToUTC=true, timeUnit=microseconds, is_from_converted_type=false, force_set_converted_type=false) def=3 rep=1",
        "by_id.key_value.key Int32 None def=2 rep=1",
        "by_id.key_value.value.city ByteArray String def=4 rep=1",
        "by_id.key_value.value.zip Int32 None def=4 rep=1",
    ];
}
