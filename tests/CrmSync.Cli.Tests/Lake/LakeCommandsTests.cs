using CrmSync.Cli.Tests.Support;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Tests.Lake;

public sealed class LakeCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 30, 0, TimeSpan.Zero);
    private readonly TestLake _lake = new();

    private string ContactsPath => _lake.TablePath("silver", "contacts");

    [Fact]
    public async Task History_lists_every_commit_newest_first_with_parameters_and_metrics()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "history", ContactsPath);

        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("version  timestamp").And.Contain("operation parameters").And.Contain("metrics");
        lines.Skip(2).Select(line => line.Split("  ")[0]).Should().Equal("2", "1", "0");
        lines[2].Should().Contain("MERGE").And.Contain("numTargetRowsUpdated=1").And.Contain("numTargetRowsInserted=1");
        lines[3].Should().Contain("WRITE").And.Contain("mode=Append").And.Contain("numOutputRows=2");
        lines[4].Should().Contain("CREATE TABLE");
    }

    [Fact]
    public async Task History_limit_shows_only_the_newest_commits_and_layer_dot_table_resolves_under_the_lake()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "history", "silver.contacts", "--limit", "1", "--lake", _lake.Root);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3).And.Contain(line => line.StartsWith("2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_shows_schema_partitioning_protocol_files_size_and_version()
    {
        var schema = new StructType(
            new StructField("id", PrimitiveType.String, nullable: false),
            new StructField("system", PrimitiveType.String));
        var table = await _lake.CreateAsync("meta", "calls", schema, ["system"]);
        await table.AppendAsync([Row.Of(schema, "a", "hubspot"), Row.Of(schema, "b", "dynamics")]);
        var size = _lake.DataFiles("meta", "calls").Sum(file => new FileInfo(file).Length);

        var run = await CliRun.InvokeAsync("lake", "describe", _lake.TablePath("meta", "calls"));

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().MatchRegex(@"version\s+1\n")
            .And.MatchRegex(@"partition columns\s+system\n")
            .And.MatchRegex(@"protocol\s+reader 1, writer 2")
            .And.MatchRegex(@"files\s+2\n")
            .And.Contain($"({size} bytes)")
            .And.MatchRegex(@"id\s+string\s+no\n")
            .And.MatchRegex(@"system\s+string\s+yes\n");
    }

    [Fact]
    public async Task Describe_as_of_shows_the_older_version()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "describe", ContactsPath, "--as-of", "0");

        run.Output.Should().MatchRegex(@"version\s+0\n").And.MatchRegex(@"files\s+0\n");
    }

    [Fact]
    public async Task Checkpoint_writes_a_checkpoint_at_the_latest_version_and_dry_run_writes_none()
    {
        await ContactsWithMergeAsync();
        var checkpoint = Path.Combine(ContactsPath, "_delta_log", "00000000000000000002.checkpoint.parquet");

        var dryRun = await CliRun.InvokeAsync("lake", "checkpoint", ContactsPath, "--dry-run");
        File.Exists(checkpoint).Should().BeFalse();
        var run = await CliRun.InvokeAsync("lake", "checkpoint", ContactsPath);

        dryRun.Output.Should().Contain("dry run: would write a checkpoint at version 2");
        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("checkpoint written at version 2");
        File.Exists(checkpoint).Should().BeTrue();
        (await CliRun.InvokeAsync("lake", "describe", ContactsPath)).Output.Should().MatchRegex(@"last checkpoint\s+2\n");
    }

    [Fact]
    public async Task Optimize_compacts_the_files_prints_files_and_bytes_before_and_after_and_a_rerun_does_nothing()
    {
        var table = await ContactsWithMergeAsync();
        await table.AppendAsync([TestLake.Contact("c4", "edsger@example.com", 40, Monday.AddDays(2))]);
        var filesBefore = table.Snapshot.Files.Count;

        var dryRun = await CliRun.InvokeAsync("lake", "optimize", ContactsPath, "--dry-run");
        var run = await CliRun.InvokeAsync("lake", "optimize", ContactsPath, "--target-size", "64mb");
        var again = await CliRun.InvokeAsync("lake", "optimize", ContactsPath);

        dryRun.Output.Should().Contain($"dry run: would compact {filesBefore} files").And.Contain($"files {filesBefore} -> 1");
        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain($"optimized at version 4: {filesBefore} files").And.Contain("4 rows kept")
            .And.MatchRegex($@"files {filesBefore} -> 1, bytes [0-9.]+ \w+ -> [0-9.]+ \w+");
        again.Output.Should().Contain("nothing to compact: 1 files");
        (await CliRun.InvokeAsync("lake", "history", ContactsPath, "--limit", "1")).Output.Should().Contain("OPTIMIZE");
        (await CliRun.InvokeAsync("sql", "SELECT count(*) AS n FROM silver.contacts", "--format", "csv", "--lake", _lake.Root))
            .Output.Should().Be("n\r\n4\r\n");
    }

    [Fact]
    public async Task Optimize_with_a_target_size_that_is_not_a_size_is_bad_usage()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "optimize", ContactsPath, "--target-size", "big");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--target-size 'big'");
    }

    [Fact]
    public async Task Vacuum_dry_run_lists_the_unreferenced_files_and_deletes_nothing()
    {
        await ContactsWithMergeAsync();
        var before = _lake.DataFiles("silver", "contacts").ToList();

        var run = await CliRun.InvokeAsync("lake", "vacuum", ContactsPath, "--retain-hours", "0", "--allow-short-retention", "--dry-run");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("would delete part-").And.Contain("would delete 1 files");
        _lake.DataFiles("silver", "contacts").Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Vacuum_deletes_only_files_no_version_needs_and_the_table_still_reads()
    {
        var table = await ContactsWithMergeAsync();
        var live = table.Snapshot.Files.Select(f => Path.GetFullPath(Path.Combine(ContactsPath, f.DecodedPath))).ToList();

        var run = await CliRun.InvokeAsync("lake", "vacuum", ContactsPath, "--retain-hours", "0", "--allow-short-retention");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("deleted 1 files");
        _lake.DataFiles("silver", "contacts").Should().BeEquivalentTo(live);
        (await CliRun.InvokeAsync("sql", "SELECT count(*) AS n FROM silver.contacts", "--format", "csv", "--lake", _lake.Root))
            .Output.Should().Be("n\r\n3\r\n");
    }

    [Fact]
    public async Task Vacuum_keeps_the_time_travel_window_by_default()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "vacuum", ContactsPath);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("deleted 0 files");
    }

    [Fact]
    public async Task Vacuum_below_the_safe_retention_without_the_flag_is_bad_usage()
    {
        await ContactsWithMergeAsync();

        var run = await CliRun.InvokeAsync("lake", "vacuum", ContactsPath, "--retain-hours", "1");

        run.ExitCode.Should().Be(2);
        run.LastErrorLine.Should().Contain("--allow-short-retention");
    }

    [Fact]
    public async Task A_folder_without_a_delta_log_is_bad_usage_naming_the_folder()
    {
        var run = await CliRun.InvokeAsync("lake", "history", Path.Combine(_lake.Root, "nothing-here"));

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(Path.Combine(_lake.Root, "nothing-here"));
        Directory.Exists(Path.Combine(_lake.Root, "nothing-here")).Should().BeFalse("inspecting must not create folders");
    }

    public void Dispose() => _lake.Dispose();

    private async Task<DeltaTable> ContactsWithMergeAsync()
    {
        var table = await _lake.CreateAsync("silver", "contacts", TestLake.ContactSchema);
        await table.AppendAsync([
            TestLake.Contact("c1", "ada@example.com", 10, Monday),
            TestLake.Contact("c2", "grace@example.com", 20, Monday),
        ]);
        await table.MergeAsync([
            TestLake.Contact("c2", "grace@new.example", 21, Monday.AddDays(1)),
            TestLake.Contact("c3", "alan@example.com", 30, Monday.AddDays(1)),
        ], ["id"]);
        return table;
    }
}
