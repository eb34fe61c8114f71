using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Operations;

public class MergeTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.Long, nullable: false),
        new StructField("name", PrimitiveType.String),
        new StructField("deleted", PrimitiveType.Boolean));

    private static Row R(long id, string name, bool deleted = false) => Row.Of(Schema, id, name, deleted);

    private static async Task<DeltaTable> SeedAsync(TempDirectory dir)
    {
        // Four files of 100 ids each: [0,99], [100,199], [200,299], [300,399].
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "m", Schema, null, null,
            new DeltaTableOptions { MaxRowsPerFile = 100 });
        await table.AppendAsync(Enumerable.Range(0, 400).Select(i => R(i, "v1")));
        return table;
    }

    [Fact]
    public async Task Merge_updates_inserts_and_deletes_in_one_commit()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var result = await table.MergeAsync([R(5, "v2"), R(6, "gone", deleted: true), R(1000, "new"), R(1001, "skip", deleted: true)], ["id"],
            new MergeOptions { DeleteMatchedWhen = Expr.Eq("deleted", true) });

        result.Version.Should().Be(2);
        result.RowsUpdated.Should().Be(1);
        result.RowsDeleted.Should().Be(1);
        result.RowsInserted.Should().Be(1);
        result.RowsCopied.Should().Be(98);
        result.FilesRewritten.Should().Be(1);
        result.FilesSkipped.Should().Be(3);
        result.Commit.Metric("numTargetRowsUpdated").Should().Be(1);

        var rows = (await table.ToListAsync()).ToDictionary(r => (long)r["id"]!, r => (string)r["name"]!);
        rows.Should().HaveCount(400);
        rows[5].Should().Be("v2");
        rows.Should().NotContainKey(6);
        rows[1000].Should().Be("new");
        rows.Should().NotContainKey(1001);
        rows[7].Should().Be("v1");
        var history = await table.HistoryAsync(1);
        history[0].Operation.Should().Be("MERGE");
        history[0].OperationMetrics["numTargetRowsInserted"].Should().Be("1");
    }

    [Fact]
    public async Task Files_whose_key_range_misses_every_source_key_are_untouched_and_candidates_without_match_are_not_rewritten()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        await table.DeleteAsync(Expr.Eq("id", 150L)); // the [100,199] file keeps its range but loses id 150
        var before = table.Snapshot.Files.Select(f => f.Path).ToHashSet();

        var result = await table.MergeAsync([R(150, "back"), R(250, "v2")], ["id"]);

        result.FilesRewritten.Should().Be(1, "only the file holding 250 has a match; 150's file is a stats candidate without the key");
        result.RowsInserted.Should().Be(1);
        result.RowsUpdated.Should().Be(1);
        var after = table.Snapshot.Files.Select(f => f.Path).ToHashSet();
        before.Except(after).Should().ContainSingle();
        (await table.ToListAsync(Expr.Eq("id", 150L))).Single()["name"].Should().Be("back");
    }

    [Fact]
    public async Task Merge_with_only_new_keys_is_a_pure_insert()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var result = await table.MergeAsync(Enumerable.Range(10_000, 50).Select(i => R(i, "n")), ["id"]);
        result.FilesRewritten.Should().Be(0);
        result.FilesSkipped.Should().Be(4);
        result.RowsInserted.Should().Be(50);
        (await table.CountAsync()).Should().Be(450);
    }

    [Fact]
    public async Task Merge_without_update_keeps_matched_rows_and_txn_makes_it_idempotent()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var options = new MergeOptions { UpdateMatched = false, Txn = new TransactionId("merge-app", 1) };
        var first = await table.MergeAsync([R(1, "changed"), R(500, "new")], ["id"], options);
        var again = await table.MergeAsync([R(1, "changed"), R(500, "new")], ["id"], options);

        first.RowsInserted.Should().Be(1);
        first.RowsUpdated.Should().Be(0);
        again.AlreadyCommitted.Should().BeTrue();
        table.Version.Should().Be(2);
        (await table.ToListAsync(Expr.Eq("id", 1L))).Single()["name"].Should().Be("v1");
        (await table.CountAsync()).Should().Be(401);
    }

    [Fact]
    public async Task Merge_on_a_partition_key_and_a_composite_key()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "p", TestTables.ContactSchema, ["country"]);
        await table.AppendAsync(TestTables.Contacts(0, 3, "DE").Concat(TestTables.Contacts(0, 3, "FR")));

        var result = await table.MergeAsync([TestTables.Contact(1, "de-one", "DE"), TestTables.Contact(1, "nl-one", "NL")], ["country", "id"]);

        result.FilesRewritten.Should().Be(1, "the FR partition cannot hold a DE or NL key");
        result.RowsUpdated.Should().Be(1);
        result.RowsInserted.Should().Be(1);
        (await table.ToListAsync(Expr.And(Expr.Eq("country", "DE"), Expr.Eq("id", 1L)))).Single()["name"].Should().Be("de-one");
        (await table.ToListAsync(Expr.Eq("country", "FR"))).Select(r => r["name"]).Should().BeEquivalentTo(["n0", "n1", "n2"]);
        (await table.CountAsync()).Should().Be(7);
    }

    [Fact]
    public async Task Duplicate_or_null_source_keys_are_refused_naming_the_key()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var duplicate = () => table.MergeAsync([R(1, "a"), R(1, "b")], ["id"]);
        await duplicate.Should().ThrowAsync<DeltaSchemaException>().WithMessage("*more than one row with key (1)*");
        var nullKey = () => table.MergeAsync([new Row(Schema, [null, "x", false])], ["id"]);
        await nullKey.Should().ThrowAsync<DeltaSchemaException>().WithMessage("*key column 'id' is null*");
        table.Version.Should().Be(1);
    }

    [Fact]
    public async Task Source_keys_of_a_narrower_type_match_long_keys()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var narrow = new StructType(new StructField("id", PrimitiveType.Integer), new StructField("name", PrimitiveType.String));
        var result = await table.MergeAsync([Row.Of(narrow, 3, "from-int")], ["id"]);
        result.RowsUpdated.Should().Be(1);
        (await table.ToListAsync(Expr.Eq("id", 3))).Single()["name"].Should().Be("from-int");
    }
}
