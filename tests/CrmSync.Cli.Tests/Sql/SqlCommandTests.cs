using System.Text.Json;
using CrmSync.Cli.Tests.Support;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Tests.Sql;

public sealed class SqlCommandTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 30, 0, TimeSpan.Zero);
    private readonly TestLake _lake = new();

    [Fact]
    public async Task A_table_is_queryable_as_layer_dot_table()
    {
        await ContactsAsync();

        var run = await SqlAsync("SELECT count(*) AS people, sum(score) AS total FROM silver.contacts", "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Be("people,total\r\n3,60\r\n");
    }

    [Fact]
    public async Task The_default_format_is_an_aligned_table_with_iso_utc_timestamps()
    {
        await ContactsAsync();

        var run = await SqlAsync("SELECT id, updated_at, email FROM silver.contacts WHERE id = 'c1'");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Be(
            "id  updated_at            email\n" +
            "--  --------------------  ---------------\n" +
            "c1  2026-11-16T09:30:00Z  ada@example.com\n");
    }

    [Fact]
    public async Task Json_output_is_an_array_of_objects_with_native_numbers_booleans_and_nulls()
    {
        await ContactsAsync();

        var run = await SqlAsync("SELECT id, score, is_deleted, email FROM silver.contacts ORDER BY id", "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetArrayLength().Should().Be(3);
        var last = json.RootElement[2];
        last.GetProperty("id").GetString().Should().Be("c3");
        last.GetProperty("score").GetInt64().Should().Be(30);
        last.GetProperty("is_deleted").GetBoolean().Should().BeTrue();
        last.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Csv_quotes_values_holding_commas_quotes_or_newlines()
    {
        var table = await _lake.CreateAsync("bronze", "notes", new StructType(new StructField("note", PrimitiveType.String)));
        var schema = table.Schema;
        await table.AppendAsync([Row.Of(schema, "plain"), Row.Of(schema, "a, \"quoted\"\nline")]);

        var run = await SqlAsync("SELECT note FROM bronze.notes ORDER BY note DESC", "--format", "csv");

        run.Output.Should().Be("note\r\nplain\r\n\"a, \"\"quoted\"\"\nline\"\r\n");
    }

    [Fact]
    public async Task As_of_a_version_reads_the_table_as_it_was()
    {
        var table = await ContactsAsync();
        await table.MergeAsync([TestLake.Contact("c1", "ada@new.example", 99, Monday.AddDays(1))], ["id"]);

        var now = await SqlAsync("SELECT email FROM silver.contacts WHERE id = 'c1'", "--format", "csv");
        var before = await SqlAsync("SELECT email FROM silver.contacts WHERE id = 'c1'", "--format", "csv", "--as-of", "1");

        now.Output.Should().Be("email\r\nada@new.example\r\n");
        before.ExitCode.Should().Be(0, before.Error);
        before.Output.Should().Be("email\r\nada@example.com\r\n");
    }

    [Fact]
    public async Task As_of_a_timestamp_before_a_table_existed_leaves_that_table_out_with_a_note()
    {
        await ContactsAsync();

        var run = await SqlAsync("SELECT 1 AS one", "--as-of", "2000-01-01T00:00:00Z");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain("silver.contacts has no version as of 2000-01-01T00:00:00.0000000+00:00");
    }

    [Fact]
    public async Task A_file_removed_from_the_log_is_never_read_even_while_it_is_still_on_disk()
    {
        var table = await ContactsAsync();
        var filesBefore = _lake.DataFiles("silver", "contacts").ToList();
        await table.DeleteAsync(Expr.Eq("id", "c2"));

        var run = await SqlAsync("SELECT id FROM silver.contacts ORDER BY id", "--format", "csv");
        var direct = await SqlAsync($"SELECT count(*) FROM read_parquet('{filesBefore[0]}')");

        filesBefore.Should().OnlyContain(path => File.Exists(path), "delete only tombstones files; vacuum removes them");
        run.Output.Should().Be("id\r\nc1\r\nc3\r\n");
        direct.ExitCode.Should().Be(1, "a file that is no longer live is not readable at all");
    }

    [Fact]
    public async Task Rows_a_deletion_vector_deletes_are_not_returned()
    {
        var schema = new StructType(new StructField("id", PrimitiveType.String), new StructField("system", PrimitiveType.String));
        var plain = await DeltaTable.CreateAsync(_lake.Store, "silver/plain", schema, null,
            new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" });
        var partitioned = await DeltaTable.CreateAsync(_lake.Store, "silver/partitioned", schema, ["system"],
            new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" });
        Row[] rows = [Row.Of(schema, "a", "hubspot"), Row.Of(schema, "b", "hubspot"), Row.Of(schema, "c", "dynamics")];
        foreach (var table in new[] { plain, partitioned })
        {
            await table.AppendAsync(rows);
            await table.DeleteAsync(Expr.Eq("id", "b"));
            table.Snapshot.Files.Should().Contain(f => f.DeletionVector != null, "the delete marked the row instead of rewriting the file");
        }

        var run = await SqlAsync(
            "SELECT 'plain' AS t, id, system FROM silver.plain UNION ALL SELECT 'partitioned', id, system FROM silver.partitioned ORDER BY 1, 2",
            "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Be("t,id,system\r\npartitioned,a,hubspot\r\npartitioned,c,dynamics\r\nplain,a,hubspot\r\nplain,c,dynamics\r\n");
    }

    [Fact]
    public async Task An_empty_table_is_queryable_with_its_declared_columns()
    {
        await _lake.CreateAsync("meta", "dead_letter", TestLake.ContactSchema);

        var count = await SqlAsync("SELECT count(*) AS n FROM meta.dead_letter", "--format", "csv");
        var columns = await SqlAsync("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'dead_letter' ORDER BY ordinal_position", "--format", "csv");

        count.Output.Should().Be("n\r\n0\r\n");
        columns.Output.Should().Be(
            "column_name,data_type\r\nid,VARCHAR\r\nemail,VARCHAR\r\nscore,BIGINT\r\nupdated_at,TIMESTAMP WITH TIME ZONE\r\nis_deleted,BOOLEAN\r\n");
    }

    [Fact]
    public async Task Partition_values_are_columns_of_the_view()
    {
        var schema = new StructType(
            new StructField("id", PrimitiveType.String),
            new StructField("system", PrimitiveType.String),
            new StructField("day", PrimitiveType.Date));
        var table = await _lake.CreateAsync("meta", "calls", schema, ["system", "day"]);
        await table.AppendAsync([
            Row.Of(schema, "a", "hubspot", new DateOnly(2026, 11, 16)),
            Row.Of(schema, "b", "dynamics", new DateOnly(2026, 11, 17)),
            Row.Of(schema, "c", "dynamics", new DateOnly(2026, 11, 17)),
        ]);

        var run = await SqlAsync("SELECT system, day, count(*) AS n FROM meta.calls GROUP BY ALL ORDER BY system", "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Be("system,day,n\r\ndynamics,2026-11-17,2\r\nhubspot,2026-11-16,1\r\n");
    }

    [Fact]
    public async Task A_bad_query_prints_the_duckdb_error_and_exits_1()
    {
        await ContactsAsync();

        var run = await SqlAsync("SELECT no_such_column FROM silver.contacts");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("no_such_column");
        run.LastErrorLine.Should().StartWith("crmsync sql failed: fix the query above");
    }

    [Fact]
    public async Task Copy_over_a_live_data_file_is_refused_and_the_file_is_unchanged()
    {
        await ContactsAsync();
        var file = _lake.DataFiles("silver", "contacts").First();
        var bytes = await File.ReadAllBytesAsync(file);

        var run = await SqlAsync($"COPY (SELECT 1 AS x) TO '{file}' (FORMAT parquet, USE_TMP_FILE false)");

        run.ExitCode.Should().Be(1);
        (await File.ReadAllBytesAsync(file)).Should().Equal(bytes);
        (await SqlAsync("SELECT count(*) AS n FROM silver.contacts", "--format", "csv")).Output.Should().Be("n\r\n3\r\n");
    }

    [Fact]
    public async Task Copy_to_any_other_file_is_refused_and_creates_nothing()
    {
        await ContactsAsync();
        var target = Path.Combine(_lake.Root, "..", Guid.NewGuid().ToString("N") + ".csv");

        var run = await SqlAsync($"COPY (SELECT * FROM silver.contacts) TO '{target}'");

        run.ExitCode.Should().Be(1);
        File.Exists(target).Should().BeFalse();
    }

    [Theory]
    [InlineData("ATTACH '{file}' AS lakefile")]
    [InlineData("CREATE TABLE scratch AS SELECT 1 AS x")]
    [InlineData("INSTALL httpfs")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SELECT * FROM read_csv('/etc/hostname')")]
    [InlineData("SELECT 1; COPY (SELECT 1) TO '{file}' (FORMAT parquet, USE_TMP_FILE false)")]
    public async Task Statements_that_could_write_or_escape_are_refused(string statement)
    {
        await ContactsAsync();
        var file = _lake.DataFiles("silver", "contacts").First();
        var bytes = await File.ReadAllBytesAsync(file);

        var run = await SqlAsync(statement.Replace("{file}", file, StringComparison.Ordinal));

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().BeEmpty("nothing ran, not even the statements before the refused one");
        (await File.ReadAllBytesAsync(file)).Should().Equal(bytes);
    }

    [Fact]
    public async Task Describe_and_show_work_because_they_only_read()
    {
        await ContactsAsync();

        var run = await SqlAsync("SHOW ALL TABLES", "--format", "csv");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("silver").And.Contain("contacts");
    }

    public void Dispose() => _lake.Dispose();

    private Task<CliRun> SqlAsync(string query, params string[] options) =>
        CliRun.InvokeAsync(["sql", query, "--lake", _lake.Root, .. options]);

    private async Task<DeltaTable> ContactsAsync()
    {
        var table = await _lake.CreateAsync("silver", "contacts", TestLake.ContactSchema);
        await table.AppendAsync([
            TestLake.Contact("c1", "ada@example.com", 10, Monday),
            TestLake.Contact("c2", "grace@example.com", 20, Monday.AddHours(1)),
            TestLake.Contact("c3", null, 30, Monday.AddHours(2), isDeleted: true),
        ]);
        return table;
    }
}
