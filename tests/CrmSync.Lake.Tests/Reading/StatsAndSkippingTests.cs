using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Reading;

public class StatsAndSkippingTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.Long),
        new StructField("name", PrimitiveType.String),
        new StructField("at", PrimitiveType.Timestamp),
        new StructField("address", new StructType(new StructField("city", PrimitiveType.String))));

    [Fact]
    public async Task Timestamp_bounds_are_milliseconds_rounded_outwards_and_long_strings_are_prefix_truncated()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema);
        var at = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var longName = new string('a', 40);
        await table.AppendAsync([
            Row.Of(Schema, 1L, longName, at.AddTicks(1_234_560), Row.Of((StructType)Schema[3].Type, "Berlin")),
            Row.Of(Schema, 2L, "b", at.AddTicks(5_000), null),
            Row.Of(Schema, null, null, null, Row.Of((StructType)Schema[3].Type, (object?)null)),
        ]);

        var stats = table.Snapshot.Files.Single().ParsedStats!;
        stats.NumRecords.Should().Be(3);
        stats.MinValues!["at"]!.GetValue<string>().Should().Be("2026-05-01T10:00:00.000Z");
        stats.MaxValues!["at"]!.GetValue<string>().Should().Be("2026-05-01T10:00:00.124Z", "the max is rounded up so it stays an upper bound");
        stats.MinValues["name"]!.GetValue<string>().Should().Be(new string('a', 32));
        var max = stats.MaxValues["name"]!.GetValue<string>();
        CodePointComparer.Instance.Compare(max, "b").Should().Be(0);
        stats.NullCount!["id"]!.GetValue<long>().Should().Be(1);
        stats.NullCount["address"]!["city"]!.GetValue<long>().Should().Be(2);
        stats.MaxValues["address"]!["city"]!.GetValue<string>().Should().Be("Berlin");

        (await table.ToListAsync(Expr.Eq("at", at.AddTicks(1_234_560)))).Should().ContainSingle();
        (await table.ToListAsync(Expr.Ge("name", longName))).Select(r => r["id"]).Should().BeEquivalentTo(new object[] { 1L, 2L });
        (await table.ToListAsync(Expr.Eq("address.city", "Berlin"))).Single()["id"].Should().Be(1L);
    }

    [Fact]
    public async Task Truncated_string_max_stays_an_upper_bound()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema);
        var name = new string('z', 32) + "\uFFFF tail";
        await table.AppendAsync([Row.Of(Schema, 1L, name, null, null)]);
        var max = table.Snapshot.Files.Single().ParsedStats!.MaxValues!["name"]!.GetValue<string>();
        CodePointComparer.Instance.Compare(max, name).Should().BeGreaterThanOrEqualTo(0);
        (await table.ToListAsync(Expr.Eq("name", name))).Should().ContainSingle();
    }

    [Fact]
    public async Task Scans_skip_files_by_stats_and_partitions_and_read_only_projected_columns()
    {
        using var dir = new TempDirectory();
        var store = new CountingStore(TestTables.Store(dir));
        var table = await DeltaTable.CreateAsync(store, "t", TestTables.ContactSchema, ["country"], null,
            new DeltaTableOptions { MaxRowsPerFile = 100 });
        await table.AppendAsync(TestTables.Contacts(0, 500, "DE").Concat(TestTables.Contacts(500, 100, "FR")));

        store.Opened = 0;
        (await table.ToListAsync(Expr.Eq("id", 250L))).Single()["name"].Should().Be("n250");
        store.Opened.Should().Be(1, "only the file whose id range holds 250 is read");

        store.Opened = 0;
        (await table.CountAsync(Expr.Eq("country", "FR"))).Should().Be(100);
        store.Opened.Should().Be(1);

        store.Opened = 0;
        (await table.ToListAsync(Expr.And(Expr.Ge("id", 150L), Expr.Lt("id", 260L)))).Should().HaveCount(110);
        store.Opened.Should().Be(2);

        store.Opened = 0;
        (await table.ToListAsync(Expr.In("id", 5L, 505L, 9999L))).Select(r => r["id"]).Should().BeEquivalentTo(new object[] { 5L, 505L });
        store.Opened.Should().Be(2);

        var projected = await table.ToListAsync(Expr.Eq("name", "n7"), ["id"]);
        projected.Single().Schema.Fields.Select(f => f.Name).Should().Equal("id");
        projected.Single()["id"].Should().Be(7L);

        var batches = new List<int>();
        await foreach (var batch in table.ScanAsync())
            batches.Add(batch.Count);
        batches.Should().HaveCount(6).And.OnlyContain(c => c == 100);
    }

    [Fact]
    public async Task Null_semantics_follow_sql()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema);
        await table.AppendAsync([Row.Of(Schema, 1L, "a", null, null), Row.Of(Schema, 2L, null, null, null)]);
        (await table.ToListAsync(Expr.Ne("name", "a"))).Should().BeEmpty("null <> 'a' is unknown");
        (await table.ToListAsync(Expr.Not(Expr.Eq("name", "a")))).Should().BeEmpty();
        (await table.ToListAsync(Expr.IsNull("name"))).Single()["id"].Should().Be(2L);
        (await table.ToListAsync(Expr.Or(Expr.IsNull("name"), Expr.Eq("name", "a")))).Should().HaveCount(2);
        var wrongType = () => table.ToListAsync(Expr.Eq("id", "one"));
        await wrongType.Should().ThrowAsync<ArgumentException>().WithMessage("*column 'id'*expected long*");
    }
}
