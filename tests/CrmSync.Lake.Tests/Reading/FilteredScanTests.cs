using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>A filtered scan converts the filter's columns first and the others only for matching rows: the rows it
/// returns must be exactly those a full scan filtered in memory gives, for every column type and partition values.
/// The full scan's batches are large enough to convert their columns in parallel; string IN filters are first
/// checked on raw UTF-8 keys; deletion vectors and filters combine. Lookups of a few unique keys read the other columns
/// of the selected rows by point reads (in parallel over the columns of large row groups), many keys by one decode per row
/// group (row groups of 512 rows here).</summary>
public class FilteredScanTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.Long, nullable: false),
        new StructField("status", PrimitiveType.String),
        new StructField("active", PrimitiveType.Boolean),
        new StructField("at", PrimitiveType.Timestamp),
        new StructField("texts", new MapType(PrimitiveType.String, PrimitiveType.String)),
        new StructField("changed", new MapType(PrimitiveType.String, PrimitiveType.Timestamp)),
        new StructField("tags", new ArrayType(PrimitiveType.String)),
        new StructField("region", PrimitiveType.String),
        new StructField("key", PrimitiveType.String),
        new StructField("count", PrimitiveType.Integer),
        new StructField("score", PrimitiveType.Double),
        new StructField("born", PrimitiveType.Date),
        new StructField("blob", PrimitiveType.Binary));

    private static Row Generate(long id) => Row.Of(Schema,
        id,
        (id % 3) switch { 0 => "PENDING", 1 => "SUCCESS", _ => id % 2 == 0 ? null : "Ünïcødé ✓" },
        id % 5 == 0 ? null : id % 2 == 0,
        id % 7 == 0 ? null : TestTables.Epoch.AddSeconds(id),
        id % 4 == 0 ? null : new List<KeyValuePair<object, object?>> { new("city", "c" + id), new("zip", id % 2 == 0 ? null : "z") },
        new List<KeyValuePair<object, object?>> { new("city", TestTables.Epoch.AddMinutes(id)), new("none", null) },
        id % 6 == 0 ? null : new List<object?> { "t" + id, null },
        id % 2 == 0 ? "EU" : "US",
        id % 97 == 0 ? null : "k" + id,
        id % 11 == 0 ? null : (int)(id * 7),
        id % 13 == 0 ? null : id / 3.0,
        id % 17 == 0 ? null : DateOnly.FromDayNumber(730_000 + (int)id),
        id % 19 == 0 ? null : new byte[] { (byte)id, (byte)(id >> 8), 0 });

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filtered_scan_returns_the_rows_a_full_scan_filtered_in_memory_returns(string name, Expr filter, string[]? columns)
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, ["region"], null, new DeltaTableOptions { MaxRowsPerFile = 4_000, RowGroupRows = 512 });
        await table.AppendAsync(Enumerable.Range(0, 10_000).Select(i => Generate(i)));

        await AssertSameAsInMemoryAsync(table, name, filter, columns);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filtered_scan_skips_rows_a_deletion_vector_deletes(string name, Expr filter, string[]? columns)
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, ["region"],
            new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" }, new DeltaTableOptions { MaxRowsPerFile = 4_000, RowGroupRows = 512 });
        await table.AppendAsync(Enumerable.Range(0, 10_000).Select(i => Generate(i)));
        await table.DeleteAsync(Expr.Or(Expr.Lt("id", 120L), Expr.In("status", "Ünïcødé ✓")));
        table.Snapshot.Files.Should().Contain(f => f.DeletionVector != null, "the delete marked rows instead of rewriting files");

        await AssertSameAsInMemoryAsync(table, name, filter, columns);
    }

    [Fact]
    public async Task Point_reads_of_large_row_groups_read_their_columns_in_parallel_and_return_the_same_rows()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, ["region"], null,
            new DeltaTableOptions { MaxRowsPerFile = 40_000, RowGroupRows = 16_384 });
        await table.AppendAsync(Enumerable.Range(0, 40_000).Select(i => Generate(i)));
        var keys = Enumerable.Range(0, 25).Select(i => (object?)("k" + ((i * 1_601) + 3))).Append("absent").ToArray();

        await AssertSameAsInMemoryAsync(table, "spread keys in row groups of 16,384 rows", Expr.In("key", keys), null);
        await AssertSameAsInMemoryAsync(table, "spread keys, some columns", Expr.In("key", keys), ["changed", "tags", "blob", "id"]);
    }

    [Fact]
    public async Task A_key_lookup_with_a_predicate_on_a_column_point_reads_cannot_read_decodes_the_filter_through_arrow()
    {
        var schema = new StructType(
            new StructField("key", PrimitiveType.String),
            new StructField("amount", new DecimalType(10, 2)),
            new StructField("note", PrimitiveType.String));
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", schema, [], null, new DeltaTableOptions { RowGroupRows = 512 });
        await table.AppendAsync(Enumerable.Range(0, 3_000).Select(i => Row.Of(schema, i % 50 == 0 ? null : "k" + i, i % 7 == 0 ? null : i / 4m, "n" + i)));
        var keys = Enumerable.Range(0, 40).Select(i => (object?)("k" + (i * 71))).Append("absent").ToArray();

        await AssertSameAsInMemoryAsync(table, "a few keys and a decimal", Expr.And(Expr.In("key", keys), Expr.Gt("amount", 100m)), ["note", "key"], schema);
    }

    private static async Task AssertSameAsInMemoryAsync(DeltaTable table, string name, Expr filter, string[]? columns, StructType? tableSchema = null)
    {
        var schema = tableSchema ?? Schema;
        var predicate = filter.Bind(schema);
        var all = await table.ToListAsync();
        var expected = all.Where(r => predicate(r) == true)
            .Select(r => columns is null ? r : Row.Of(new StructType(columns.Select(c => schema[c])), columns.Select(c => r[c]).ToArray()))
            .Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order().ToList();

        var actual = (await table.ToListAsync(filter, columns)).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order().ToList();

        expected.Should().NotBeEmpty("{0} must select some rows, or the comparison proves nothing", name);
        actual.Should().Equal(expected, name);
    }

    public static TheoryData<string, Expr, string[]?> Filters() => new()
    {
        { "string IN, all columns", Expr.In("status", "PENDING"), null },
        { "long range, filter column not projected", Expr.And(Expr.Ge("id", 100L), Expr.Lt("id", 130L)), ["status", "texts", "tags"] },
        { "partition and data column", Expr.And(Expr.Eq("region", "EU"), Expr.IsNull("active")), ["id", "changed", "region"] },
        { "boolean and timestamp", Expr.And(Expr.Eq("active", true), Expr.Gt("at", TestTables.Epoch.AddSeconds(300))), null },
        { "string IN with non-ASCII, absent and null keys", Expr.In("status", "Ünïcødé ✓", null, "absent", "SUCCESS"), ["id"] },
        { "string IN inside AND", Expr.And(Expr.Gt("id", 5_000L), Expr.In("status", "SUCCESS", "PENDING")), ["id", "status", "texts"] },
        { "a few unique keys: point reads of every type", Expr.In("key", "k1", "k130", "k513", "k4001", "k9998", "k9999", "absent"), null },
        { "a few keys and another column", Expr.And(Expr.In("key", [.. Enumerable.Range(0, 60).Select(i => (object?)("k" + (i * 163)))]), Expr.Eq("active", true)),
            ["born", "blob", "count", "key"] },
        { "a few keys, key not projected", Expr.In("key", "k2", "k3", "k7000"), ["score", "at", "changed"] },
        { "many keys in a few row groups: bulk reads, other row groups skipped", Expr.In("key", [.. Enumerable.Range(0, 200).Select(i => (object?)("k" + i))]), null },
    };
}
