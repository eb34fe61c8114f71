using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>Reads share one string instance for values that repeat in a column (a run id, a status) and for map keys,
/// both in a full scan (Arrow decode) and in a lookup of a few keys (point reads of the selected rows).</summary>
public class StringReuseTests
{
    private static readonly StructType Schema = new(
        new StructField("key", PrimitiveType.String),
        new StructField("status", PrimitiveType.String),
        new StructField("texts", new MapType(PrimitiveType.String, PrimitiveType.String)),
        new StructField("changed", new MapType(PrimitiveType.String, PrimitiveType.Timestamp)));

    private static Row Generate(int id) => Row.Of(Schema,
        "k" + id,
        id % 2 == 0 ? "PENDING" : "SÜCCESS",
        new List<KeyValuePair<object, object?>> { new("city", "c" + id), new("country", "DE") },
        new List<KeyValuePair<object, object?>> { new("city", TestTables.Epoch.AddMinutes(id)), new("country", null) });

    [Fact]
    public async Task A_full_scan_shares_repeated_values_and_map_keys()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);

        var rows = await table.ToListAsync();

        AssertShared(rows, expectedRows: 2_000, rowGroups: 4);
    }

    [Fact]
    public async Task A_lookup_of_a_few_keys_shares_repeated_values_and_map_keys()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);

        var rows = await table.ToListAsync(Expr.In("key", "k10", "k12", "k13", "k400", "k401"));

        AssertShared(rows, expectedRows: 5, rowGroups: 1);
    }

    /// <summary>2,000 rows in row groups of 512.</summary>
    private static async Task<DeltaTable> CreateAsync(TempDirectory dir)
    {
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, [], null, new DeltaTableOptions { RowGroupRows = 512 });
        await table.AppendAsync(Enumerable.Range(0, 2_000).Select(Generate));
        return table;
    }

    private static void AssertShared(List<Row> rows, int expectedRows, int rowGroups)
    {
        rows.Should().HaveCount(expectedRows);
        foreach (var row in rows)
        {
            var id = int.Parse(((string)row["key"]!)[1..], System.Globalization.CultureInfo.InvariantCulture);
            row["status"].Should().Be(id % 2 == 0 ? "PENDING" : "SÜCCESS");
            Map(row, "texts").Should().Equal([new("city", "c" + id), new("country", "DE")]);
        }

        // At most one instance per distinct value and row group read (two statuses, two map keys, one country).
        Instances(rows.Select(r => r["status"])).Should().BeLessThanOrEqualTo(2 * rowGroups);
        Instances(rows.SelectMany(r => Map(r, "texts")).Select(e => e.Key)).Should().BeLessThanOrEqualTo(2 * rowGroups);
        Instances(rows.SelectMany(r => Map(r, "texts")).Where(e => e.Key is "country").Select(e => e.Value)).Should().BeLessThanOrEqualTo(rowGroups);
        Instances(rows.SelectMany(r => Map(r, "changed")).Select(e => e.Key)).Should().BeLessThanOrEqualTo(2 * rowGroups);
    }

    private static List<KeyValuePair<object, object?>> Map(Row row, string column) => (List<KeyValuePair<object, object?>>)row[column]!;

    private static int Instances(IEnumerable<object?> values) => values.Distinct(ReferenceEqualityComparer.Instance).Count();
}
