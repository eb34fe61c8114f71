using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Create_append_scan()
    {
        using var dir = new TempDirectory();
        var store = new LocalFileSystemStore(dir.Path);
        var schema = new StructType(
            new StructField("id", PrimitiveType.Long, nullable: false),
            new StructField("name", PrimitiveType.String),
            new StructField("country", PrimitiveType.String));
        var table = await DeltaTable.CreateAsync(store, "t", schema, ["country"]);
        var rows = Enumerable.Range(0, 100).Select(i => Row.Of(schema, (long)i, "n" + i, i % 2 == 0 ? "DE" : "FR"));
        var result = await table.AppendAsync(rows);
        result.Version.Should().Be(1);
        var all = await table.ToListAsync();
        all.Should().HaveCount(100);
        var some = await table.ToListAsync(Expr.Eq("id", 5L));
        some.Should().ContainSingle().Which["name"].Should().Be("n5");
    }
}
