using System.Text;
using System.Text.Json.Nodes;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Operations;

/// <summary>ALTER TABLE ADD COLUMNS: a metaData-only commit; files written before it read the new columns as null.</summary>
public class AddColumnsTests
{
    private static readonly StructField Email = new("email", PrimitiveType.String);
    private static readonly StructField Score = new("score", PrimitiveType.Long);

    private static readonly StructType Widened = new([.. TestTables.ContactSchema.Fields, Email, Score]);

    private static DeltaTableOptions Options(Func<long, CancellationToken, Task>? beforeCommit = null) =>
        new() { MaxRowsPerFile = 100, AutoCheckpoint = false, BeforeCommit = beforeCommit };

    private static async Task<DeltaTable> SeedAsync(TempDirectory dir, bool deletionVectors = false)
    {
        var configuration = deletionVectors ? new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" } : null;
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, configuration, Options());
        await table.AppendAsync(TestTables.Contacts(0, 150));
        return table;
    }

    private static Row Wide(long id, string? email, long? score) =>
        Row.Of(Widened, id, "n" + id, "DE", TestTables.Epoch, email, score);

    [Fact]
    public async Task Adding_columns_commits_only_new_metadata_and_old_rows_read_them_as_null()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var before = table.Snapshot;

        var result = await table.AddColumnsAsync([Email, Score]);

        result.Version.Should().Be(2);
        result.AlreadyCommitted.Should().BeFalse();
        table.Schema.Fields.Select(f => f.Name).Should().Equal("id", "name", "country", "updated", "email", "score");
        table.Snapshot.Metadata.Id.Should().Be(before.Metadata.Id, "a schema change keeps the table's identity");
        table.Snapshot.Metadata.CreatedTime.Should().Be(before.Metadata.CreatedTime);
        table.Snapshot.Files.Select(f => f.Path).Should().BeEquivalentTo(before.Files.Select(f => f.Path), "no data file is rewritten");

        var commit = Encoding.UTF8.GetString(await TestTables.Store(dir).ReadAllAsync("t/_delta_log/00000000000000000002.json"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        commit.Select(a => a.Single().Key).Should().Equal("commitInfo", "metaData");
        commit[0]["commitInfo"]!["operation"]!.GetValue<string>().Should().Be("ADD COLUMNS");
        var columns = JsonNode.Parse(commit[0]["commitInfo"]!["operationParameters"]!["columns"]!.GetValue<string>())!.AsArray();
        columns.Select(c => c!["column"]!["name"]!.GetValue<string>()).Should().Equal("email", "score");
        columns[1]!["column"]!["type"]!.GetValue<string>().Should().Be("long");

        var rows = await (await DeltaTable.OpenAsync(TestTables.Store(dir), "t")).ToListAsync();
        rows.Should().HaveCount(150).And.OnlyContain(r => r["email"] == null && r["score"] == null && r["name"] != null);
        (await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "t", 1)).Schema.Should().Be(TestTables.ContactSchema, "time travel keeps the old schema");
    }

    [Fact]
    public async Task Appends_and_merges_after_the_change_carry_the_new_columns_and_filters_on_them_see_old_files_as_null()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir, deletionVectors: true);
        await table.AddColumnsAsync([Email, Score]);

        await table.AppendAsync([Wide(1000, "a@example.com", 7), Wide(1001, null, 8)]);
        // Rows of the old layout still append (by name): their new columns are null.
        await table.AppendAsync([TestTables.Contact(1002)]);
        var merge = await table.MergeAsync([Wide(5, "five@example.com", 5), Wide(2000, "new@example.com", null)], ["id"]);

        merge.RowsUpdated.Should().Be(1);
        merge.RowsInserted.Should().Be(1);
        var rows = (await table.ToListAsync()).ToDictionary(r => (long)r["id"]!);
        rows.Should().HaveCount(154);
        rows[5]["email"].Should().Be("five@example.com");
        rows[5]["score"].Should().Be(5L);
        rows[6]["email"].Should().BeNull();
        rows[1000]["score"].Should().Be(7L);
        rows[1002]["email"].Should().BeNull();
        rows[2000]["email"].Should().Be("new@example.com");

        (await table.ToListAsync(Expr.Eq("email", "a@example.com"))).Select(r => (long)r["id"]!).Should().Equal(1000);
        (await table.CountAsync(Expr.IsNotNull("email"))).Should().Be(3);
        (await table.CountAsync(Expr.IsNull("score"))).Should().Be(151, "the 149 seeded rows not merged, 1002 and 2000");
        (await table.ToListAsync(Expr.Gt("score", 6L), ["id", "score"])).Select(r => (long)r["id"]!).Order().Should().Equal(1000, 1001);
    }

    [Fact]
    public async Task The_schema_survives_a_checkpoint()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        await table.AddColumnsAsync([Email]);
        await table.CheckpointAsync();

        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        reopened.Snapshot.CheckpointVersion.Should().Be(2);
        reopened.Schema.Fields.Select(f => f.Name).Should().EndWith("email");
    }

    [Fact]
    public async Task Existing_names_required_columns_and_duplicates_are_refused_naming_the_table_and_column_and_nothing_is_committed()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);

        var existing = () => table.AddColumnsAsync([new StructField("NAME", PrimitiveType.String)]);
        var required = () => table.AddColumnsAsync([new StructField("tenant", PrimitiveType.String, nullable: false)]);
        var twice = () => table.AddColumnsAsync([Email, new StructField("Email", PrimitiveType.String)]);
        var ntz = () => table.AddColumnsAsync([new StructField("local_time", PrimitiveType.TimestampNtz)]);

        (await existing.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("*'NAME'*'t'*already has a column*");
        (await required.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("*'tenant'*'t'*must be nullable*");
        (await twice.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("*'Email'*twice*");
        (await ntz.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("*'local_time'*timestampNtz*");
        (await table.AddColumnsAsync([])).AlreadyCommitted.Should().BeTrue();
        (await DeltaTable.OpenAsync(TestTables.Store(dir), "t")).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_write_that_read_the_old_schema_conflicts_with_a_concurrent_add_columns()
    {
        using var dir = new TempDirectory();
        await SeedAsync(dir);
        var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options());
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options(async (version, ct) =>
        {
            if (version == 2)
                await other.AddColumnsAsync([Email], ct);
        }));

        var append = () => table.AppendAsync([TestTables.Contact(500)]);

        var error = (await append.Should().ThrowAsync<DeltaConcurrencyException>()).Which;
        error.Kind.Should().Be(ConflictKind.MetadataChanged);
        error.WinningVersion.Should().Be(2);
    }

    [Fact]
    public async Task Two_concurrent_add_columns_conflict_and_the_loser_commits_nothing()
    {
        using var dir = new TempDirectory();
        await SeedAsync(dir);
        var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options());
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options(async (version, ct) =>
        {
            if (version == 2)
                await other.AddColumnsAsync([Score], ct);
        }));

        var add = () => table.AddColumnsAsync([Email]);

        (await add.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.MetadataChanged);
        var final = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        final.Version.Should().Be(2);
        final.Schema.Fields.Select(f => f.Name).Should().EndWith("score").And.NotContain("email");
    }

    [Fact]
    public async Task Add_columns_losing_the_race_to_a_blind_append_retries_at_the_next_version()
    {
        using var dir = new TempDirectory();
        await SeedAsync(dir);
        var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options());
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", Options(async (version, ct) =>
        {
            if (version == 2)
                await other.AppendAsync([TestTables.Contact(500)], cancellationToken: ct);
        }));

        var result = await table.AddColumnsAsync([Email]);

        result.Version.Should().Be(3);
        var rows = await table.ToListAsync();
        rows.Should().HaveCount(151).And.OnlyContain(r => r["email"] == null);
    }
}
