using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Lake.Tests.Operations;

public class WriteOperationTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private DeltaTableOptions Options => new() { Clock = _clock, MaxRowsPerFile = 100, RowGroupRows = 40 };

    private async Task<DeltaTable> CreateAsync(TempDirectory dir, IReadOnlyList<string>? partitions = null) =>
        await DeltaTable.CreateAsync(TestTables.Store(dir), "contacts", TestTables.ContactSchema, partitions, null, Options);

    [Fact]
    public async Task Append_rolls_files_and_records_metrics_and_stats()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);
        var result = await table.AppendAsync(TestTables.Contacts(0, 250));

        result.Version.Should().Be(1);
        result.Metric("numFiles").Should().Be(3);
        result.Metric("numOutputRows").Should().Be(250);
        table.Snapshot.Files.Should().HaveCount(3);
        table.Snapshot.Files.Sum(f => f.ParsedStats!.NumRecords).Should().Be(250);
        var first = table.Snapshot.Files.Select(f => f.ParsedStats!).OrderBy(s => s.MinValues!["id"]!.GetValue<long>()).First();
        first.MinValues!["id"]!.GetValue<long>().Should().Be(0);
        first.MaxValues!["id"]!.GetValue<long>().Should().Be(99);
        first.NullCount!["name"]!.GetValue<long>().Should().Be(0);
        (await TestTables.IdsAsync(table)).Should().Equal(Enumerable.Range(0, 250).Select(i => (long)i));
    }

    [Fact]
    public async Task Txn_makes_a_rerun_a_no_op_that_reports_so()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);
        var txn = new TransactionId("ingest-hubspot:bronze.hubspot_contacts_raw", 7);
        var first = await table.AppendAsync(TestTables.Contacts(0, 5), new WriteOptions { Txn = txn });
        var rerun = await table.AppendAsync(TestTables.Contacts(0, 5), new WriteOptions { Txn = txn });
        var older = await table.AppendAsync(TestTables.Contacts(0, 5), new WriteOptions { Txn = txn with { Version = 6 } });

        first.AlreadyCommitted.Should().BeFalse();
        rerun.AlreadyCommitted.Should().BeTrue();
        older.AlreadyCommitted.Should().BeTrue();
        table.Version.Should().Be(1);
        (await table.CountAsync()).Should().Be(5);
        table.Snapshot.GetTransactionVersion(txn.AppId).Should().Be(7);
        (await DeltaTable.OpenAsync(TestTables.Store(dir), "contacts")).Snapshot.GetTransactionVersion(txn.AppId).Should().Be(7);
        (await table.AppendAsync(TestTables.Contacts(5, 5), new WriteOptions { Txn = txn with { Version = 8 } })).Version.Should().Be(2);
    }

    [Fact]
    public async Task Rows_that_do_not_fit_the_schema_fail_naming_row_and_column()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);
        var bad = new Row(TestTables.ContactSchema, [3L, 42, "DE", TestTables.Epoch]);
        var act = () => table.AppendAsync([TestTables.Contact(1), TestTables.Contact(2), bad]);
        (await act.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("Row 2: column 'name' (string): expected string, got Int32*");

        var nullKey = new Row(TestTables.ContactSchema, [null, "x", "DE", null]);
        var act2 = () => table.AppendAsync([nullKey]);
        (await act2.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("Row 0: column 'id' is not nullable*");
        table.Version.Should().Be(0, "a failed write commits nothing");
    }

    [Fact]
    public async Task Rows_built_from_dictionaries_with_another_schema_are_matched_by_name()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);
        var partial = new StructType(new StructField("name", PrimitiveType.String), new StructField("ID", PrimitiveType.Long));
        await table.AppendAsync([Row.FromDictionary(partial, new Dictionary<string, object?> { ["id"] = 9L, ["name"] = "nine" })]);
        var row = (await table.ToListAsync()).Single();
        row["id"].Should().Be(9L);
        row["name"].Should().Be("nine");
        row["country"].Should().BeNull();
    }

    [Fact]
    public async Task Partitioned_writes_use_escaped_directories_and_null_partitions()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir, ["country"]);
        await table.AppendAsync([TestTables.Contact(1, country: "a b/c:d%"), new Row(TestTables.ContactSchema, [2L, "x", null, null])]);

        var paths = table.Snapshot.Files.Select(f => f.DecodedPath).Order().ToList();
        paths[0].Should().StartWith("country=__HIVE_DEFAULT_PARTITION__/");
        paths[1].Should().StartWith("country=a b%2Fc%3Ad%25/");
        table.Snapshot.Files.Select(f => f.PartitionValues["country"]).Should().BeEquivalentTo(["a b/c:d%", null]);
        File.Exists(Path.Combine(dir.Path, "contacts", paths[1])).Should().BeTrue();
        (await table.ToListAsync(Expr.Eq("country", "a b/c:d%"))).Single()["id"].Should().Be(1L);
        (await table.ToListAsync(Expr.IsNull("country"))).Single()["id"].Should().Be(2L);
    }

    [Fact]
    public async Task Overwrite_replaces_the_table_or_only_matching_partitions()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir, ["country"]);
        await table.AppendAsync(TestTables.Contacts(0, 10, "DE").Concat(TestTables.Contacts(10, 10, "FR")));

        var partial = await table.OverwriteAsync(TestTables.Contacts(100, 3, "FR"), Expr.Eq("country", "FR"));
        partial.Metric("numRemovedFiles").Should().Be(1);
        (await TestTables.IdsAsync(table)).Should().Equal([.. Enumerable.Range(0, 10).Select(i => (long)i), 100, 101, 102]);

        var outside = () => table.OverwriteAsync([TestTables.Contact(5, country: "DE")], Expr.Eq("country", "FR"));
        await outside.Should().ThrowAsync<DeltaSchemaException>().WithMessage("Row 0 does not satisfy the overwrite predicate*");
        var nonPartition = () => table.OverwriteAsync([], Expr.Eq("id", 1L));
        await nonPartition.Should().ThrowAsync<ArgumentException>().WithMessage("*'id' is not one*");

        await table.OverwriteAsync(TestTables.Contacts(500, 2));
        (await TestTables.IdsAsync(table)).Should().Equal(500, 501);
        (await table.HistoryAsync(1))[0].OperationParameters["mode"].Should().Be("Overwrite");
    }

    [Fact]
    public async Task Delete_rewrites_only_files_holding_matching_rows()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir);
        await table.AppendAsync(TestTables.Contacts(0, 300));
        var before = table.Snapshot.Files.Select(f => f.Path).ToHashSet();

        var result = await table.DeleteAsync(Expr.Or(Expr.Eq("id", 150L), Expr.Eq("id", 151L)));
        result.Metric("numDeletedRows").Should().Be(2);
        result.Metric("numRemovedFiles").Should().Be(1);
        result.Metric("numCopiedRows").Should().Be(98);
        table.Snapshot.Files.Select(f => f.Path).Count(before.Contains).Should().Be(2, "files whose stats exclude the ids are untouched");
        (await table.CountAsync()).Should().Be(298);

        var none = await table.DeleteAsync(Expr.Eq("name", "nobody"));
        none.Metric("numRemovedFiles").Should().Be(0);
        (await table.DeleteAsync(null)).Metric("numDeletedRows").Should().Be(298);
        (await table.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Delete_by_partition_drops_whole_files()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir, ["country"]);
        await table.AppendAsync(TestTables.Contacts(0, 5, "DE").Concat(TestTables.Contacts(5, 5, "FR")));
        var result = await table.DeleteAsync(Expr.Eq("country", "FR"));
        result.Metric("numDeletedRows").Should().Be(5);
        result.Metric("numAddedFiles").Should().Be(0);
        (await TestTables.IdsAsync(table)).Should().Equal(0, 1, 2, 3, 4);
    }

    [Fact]
    public async Task History_time_travel_and_describe()
    {
        using var dir = new TempDirectory();
        var table = await CreateAsync(dir, ["country"]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await table.AppendAsync(TestTables.Contacts(0, 10));
        var afterFirst = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await table.DeleteAsync(Expr.Lt("id", 5L));

        var history = await table.HistoryAsync();
        history.Select(h => h.Operation).Should().Equal("DELETE", "WRITE", "CREATE TABLE");
        history[1].OperationMetrics["numOutputRows"].Should().Be("10");
        history[1].Timestamp.Should().Be(afterFirst);
        history[0].EngineInfo.Should().StartWith("CrmSync.Lake");

        (await (await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "contacts", 1)).CountAsync()).Should().Be(10);
        (await DeltaTable.OpenAsOfAsync(TestTables.Store(dir), "contacts", afterFirst.AddSeconds(30))).Version.Should().Be(1);
        var tooEarly = () => DeltaTable.OpenAsOfAsync(TestTables.Store(dir), "contacts", afterFirst.AddDays(-1));
        await tooEarly.Should().ThrowAsync<DeltaVersionNotFoundException>();
        var tooLate = () => DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "contacts", 9);
        await tooLate.Should().ThrowAsync<DeltaVersionNotFoundException>().WithMessage("*version 9 does not exist*");

        var details = table.Describe();
        details.Version.Should().Be(2);
        details.PartitionColumns.Should().Equal("country");
        details.NumFiles.Should().Be(table.Snapshot.Files.Count);
        details.SizeInBytes.Should().Be(table.Snapshot.Files.Sum(f => f.Size)).And.BeGreaterThan(0);
        details.Schema.Should().Be(TestTables.ContactSchema);
    }

    [Fact]
    public async Task Create_refuses_an_existing_table_and_create_if_not_exists_opens_it()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        var again = () => CreateAsync(dir);
        await again.Should().ThrowAsync<DeltaTableAlreadyExistsException>();
        var opened = await DeltaTable.CreateIfNotExistsAsync(TestTables.Store(dir), "contacts", TestTables.ContactSchema);
        opened.Version.Should().Be(0);
        var missing = () => DeltaTable.OpenAsync(TestTables.Store(dir), "nothing-here");
        await missing.Should().ThrowAsync<DeltaTableNotFoundException>();
    }
}
