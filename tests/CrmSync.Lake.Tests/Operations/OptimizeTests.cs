using System.Text.Json.Nodes;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Operations;

/// <summary>OPTIMIZE (bin packing): same rows, fewer files, Spark's commit shape, no-op reruns, conflicts, time travel,
/// crashes, key index sidecars and checkpoints.</summary>
public class OptimizeTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.String, nullable: false),
        new StructField("name", PrimitiveType.String),
        new StructField("country", PrimitiveType.String),
        new StructField("tags", new ArrayType(PrimitiveType.String)),
        new StructField("attrs", new MapType(PrimitiveType.String, PrimitiveType.String)),
        new StructField("n", PrimitiveType.Long));

    private static Row R(int i, string version = "v1", string? country = "DE") => Row.Of(Schema,
        "id-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        i % 7 == 0 ? null : $"name {i} {version}",
        country,
        i % 5 == 0 ? null : new List<object?> { "t" + i, i % 3 == 0 ? null : "x" },
        i % 4 == 0 ? null : new List<KeyValuePair<object, object?>> { new("k", version), new("empty", i % 2 == 0 ? null : "") },
        (long)i);

    private static Dictionary<string, string> Configuration(bool deletionVectors, bool keyIndex)
    {
        var configuration = new Dictionary<string, string>();
        if (deletionVectors)
            configuration[TableFeatures.EnableDeletionVectorsProperty] = "true";
        if (keyIndex)
            configuration[Lake.KeyIndex.KeyIndexColumns.Property] = "id";
        return configuration;
    }

    /// <summary>Ten appends of 20 rows (one small file each), then a delete and a merge, which attach DVs and add a file.</summary>
    private static async Task<DeltaTable> SeedAsync(IObjectStore store, IReadOnlyList<string>? partitionBy = null, bool deletionVectors = true,
        bool keyIndex = false, DeltaTableOptions? options = null)
    {
        var table = await DeltaTable.CreateAsync(store, "t", Schema, partitionBy,
            Configuration(deletionVectors, keyIndex),
            options ?? new DeltaTableOptions { AutoCheckpoint = false });
        for (var batch = 0; batch < 10; batch++)
            await table.AppendAsync(Enumerable.Range(batch * 20, 20).Select(i => R(i, country: Country(i, partitionBy))));
        await table.DeleteAsync(Expr.In("id", "id-0003", "id-0045", "id-0046", "id-0150"));
        await table.MergeAsync([R(10, "v2", Country(10, partitionBy)), R(77, "v2", Country(77, partitionBy)), R(500, "v2", Country(500, partitionBy))], ["id"]);
        return table;
    }

    private static string? Country(int i, IReadOnlyList<string>? partitionBy) =>
        partitionBy is null ? "DE" : (i % 3) switch { 0 => "DE", 1 => "FR", _ => null };

    private static async Task<List<string>> RowsAsync(DeltaTable table) =>
        [.. (await table.ToListAsync()).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order(StringComparer.Ordinal)];

    private static List<JsonObject> Commit(TempDirectory dir, long version) =>
        [.. File.ReadAllLines(Path.Combine(dir.Path, "t", "_delta_log", $"{version:D20}.json")).Select(l => JsonNode.Parse(l)!.AsObject())];

    private static string[] ParquetFiles(TempDirectory dir) =>
        [.. Directory.GetFiles(Path.Combine(dir.Path, "t"), "*.parquet", SearchOption.AllDirectories)
            .Where(f => !f.Contains("_delta_log", StringComparison.Ordinal))];

    [Fact]
    public async Task Unpartitioned_table_with_dvs_nulls_maps_and_arrays_compacts_to_one_file_with_the_same_rows()
    {
        using var dir = new TempDirectory();
        // The row limit of ordinary writes does not cut compacted files: their bytes are bounded by the target size.
        var table = await SeedAsync(TestTables.Store(dir), options: new DeltaTableOptions { MaxRowsPerFile = 20, AutoCheckpoint = false });
        var before = await RowsAsync(table);
        table.Snapshot.Files.Should().HaveCount(11);
        table.Snapshot.Files.Count(f => f.DeletionVector is not null).Should().BeGreaterThan(1);

        var result = await table.OptimizeAsync();

        result.Committed.Should().BeTrue();
        (result.FilesBefore, result.FilesAfter, result.FilesRemoved, result.FilesAdded).Should().Be((11, 1, 11, 1));
        result.RowsWritten.Should().Be(before.Count);
        result.DeletedRowsDropped.Should().Be(6, "4 deleted and 2 updated rows were hidden by DVs");
        table.Snapshot.Files.Should().ContainSingle().Which.DeletionVector.Should().BeNull();
        table.Snapshot.Files[0].ParsedStats!.NumRecords.Should().Be(before.Count);
        table.Snapshot.Files[0].ParsedStats!.MinValues!["id"]!.GetValue<string>().Should().Be("id-0000");
        (await RowsAsync(table)).Should().Equal(before);
        (await RowsAsync(await DeltaTable.OpenAsync(TestTables.Store(dir), "t"))).Should().Equal(before);
    }

    [Fact]
    public async Task Partitioned_table_compacts_each_partition_into_its_own_file_and_leaves_a_single_file_partition_alone()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        await table.AppendAsync([R(900, country: "US")]);
        var usFile = table.Snapshot.Files.Single(f => f.PartitionValues["country"] == "US");
        var before = await RowsAsync(table);
        var perPartition = table.Snapshot.Files.GroupBy(f => f.PartitionValues["country"]).ToDictionary(g => g.Key ?? "null", g => g.Count());
        perPartition.Should().Contain(kv => kv.Key != "US" && kv.Value > 5);

        var result = await table.OptimizeAsync();

        result.PartitionsOptimized.Should().Be(3);
        table.Snapshot.Files.GroupBy(f => f.PartitionValues["country"] ?? "null").Should().AllSatisfy(g => g.Should().ContainSingle());
        table.Snapshot.Files.Should().Contain(usFile, "a partition holding one file without a DV has nothing to gain");
        table.Snapshot.Files.Select(f => f.PartitionValues["country"]).Should().BeEquivalentTo(["DE", "FR", null, "US"]);
        table.Snapshot.Files.Where(f => f.PartitionValues["country"] == "FR").Should().ContainSingle()
            .Which.DecodedPath.Should().StartWith("country=FR/");
        (await RowsAsync(table)).Should().Equal(before);
    }

    [Fact]
    public async Task The_commit_removes_and_adds_with_data_change_false_and_removes_carry_dv_size_and_partition_values()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        var inputs = table.Snapshot.Files.ToDictionary(f => f.DecodedPath);

        var result = await table.OptimizeAsync();

        var actions = Commit(dir, result.Commit.Version);
        var info = actions.Single(a => a.ContainsKey("commitInfo"))["commitInfo"]!;
        info["operation"]!.GetValue<string>().Should().Be("OPTIMIZE");
        info["operationParameters"]!["predicate"]!.GetValue<string>().Should().Be("[]");
        info["operationParameters"]!["zOrderBy"]!.GetValue<string>().Should().Be("[]");
        info["isBlindAppend"]!.GetValue<bool>().Should().BeFalse();
        var metrics = info["operationMetrics"]!;
        metrics["numRemovedFiles"]!.GetValue<string>().Should().Be(inputs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        metrics["numAddedFiles"]!.GetValue<string>().Should().Be("3");
        metrics["numRemovedBytes"]!.GetValue<string>().Should().Be(inputs.Values.Sum(f => f.Size).ToString(System.Globalization.CultureInfo.InvariantCulture));
        metrics["numAddedBytes"]!.GetValue<string>().Should().Be(result.BytesAdded.ToString(System.Globalization.CultureInfo.InvariantCulture));
        metrics["numDeletionVectorsRemoved"]!.GetValue<string>().Should().Be(inputs.Values.Count(f => f.DeletionVector is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var removes = actions.Where(a => a.ContainsKey("remove")).Select(a => a["remove"]!).ToList();
        removes.Should().HaveCount(inputs.Count);
        foreach (var remove in removes)
        {
            var input = inputs[PathCodec.Decode(remove["path"]!.GetValue<string>())];
            remove["dataChange"]!.GetValue<bool>().Should().BeFalse();
            remove["size"]!.GetValue<long>().Should().Be(input.Size);
            remove["extendedFileMetadata"]!.GetValue<bool>().Should().BeTrue();
            remove["partitionValues"]!.AsObject().Should().ContainKey("country");
            if (input.DeletionVector is { } dv)
                remove["deletionVector"]!["pathOrInlineDv"]!.GetValue<string>().Should().Be(dv.PathOrInlineDv);
            else
                remove.AsObject().Should().NotContainKey("deletionVector");
        }

        removes.Should().Contain(r => r.AsObject().ContainsKey("deletionVector"));
        var adds = actions.Where(a => a.ContainsKey("add")).Select(a => a["add"]!).ToList();
        adds.Should().HaveCount(3).And.AllSatisfy(a =>
        {
            a["dataChange"]!.GetValue<bool>().Should().BeFalse();
            a["stats"]!.GetValue<string>().Should().Contain("\"numRecords\"");
            a.AsObject().Should().NotContainKey("deletionVector");
        });
    }

    [Fact]
    public async Task A_second_optimize_commits_nothing()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        await table.OptimizeAsync();
        var version = table.Version;
        var files = table.Snapshot.Files.Select(f => f.Path).ToList();

        var second = await table.OptimizeAsync();

        second.Committed.Should().BeFalse();
        second.FilesRemoved.Should().Be(0);
        second.Commit.Version.Should().Be(version);
        table.Version.Should().Be(version);
        table.Snapshot.Files.Select(f => f.Path).Should().Equal(files);
        File.Exists(Path.Combine(dir.Path, "t", "_delta_log", $"{version + 1:D20}.json")).Should().BeFalse();
    }

    [Fact]
    public async Task A_dry_run_reports_the_plan_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        var version = table.Version;
        var filesOnDisk = ParquetFiles(dir).Length;

        var plan = await table.OptimizeAsync(new OptimizeOptions { DryRun = true });

        plan.Committed.Should().BeFalse();
        (plan.FilesRemoved, plan.FilesAdded, plan.PartitionsOptimized).Should().Be((table.Snapshot.Files.Count, 3, 3));
        plan.BytesRemoved.Should().Be(table.Snapshot.TotalSize);
        table.Version.Should().Be(version);
        ParquetFiles(dir).Should().HaveCount(filesOnDisk);
    }

    [Fact]
    public async Task A_plan_or_a_no_op_writes_no_checkpoint_even_at_a_checkpoint_version()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"], options: new DeltaTableOptions { AutoCheckpoint = false });
        while (table.Version % 10 != 0)
            await table.AppendAsync([R(2000 + (int)table.Version, country: "DE")]);
        var withCheckpoints = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        await withCheckpoints.OptimizeAsync(new OptimizeOptions { DryRun = true });
        await withCheckpoints.OptimizeAsync(new OptimizeOptions { PartitionFilter = Expr.Eq("country", "nowhere") });

        withCheckpoints.Version.Should().Be(table.Version);
        Directory.GetFiles(Path.Combine(dir.Path, "t", "_delta_log"), "*.checkpoint.parquet").Should().BeEmpty();
    }

    [Fact]
    public async Task Large_files_are_rewritten_only_when_their_dv_hides_at_least_the_ratio_of_rows()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, null,
            new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" });
        await table.AppendAsync(Enumerable.Range(0, 100).Select(i => R(i)));
        await table.AppendAsync(Enumerable.Range(100, 100).Select(i => R(i)));
        // 10 of the first file's 100 rows, 2 of the second's.
        await table.DeleteAsync(Expr.In("id", Enumerable.Range(0, 10).Select(i => $"id-{i:D4}").Append("id-0100").Append("id-0101")));
        var heavy = table.Snapshot.Files.Single(f => f.DeletionVector!.Cardinality == 10);
        var light = table.Snapshot.Files.Single(f => f.DeletionVector!.Cardinality == 2);
        var before = await RowsAsync(table);
        var everyFileIsLarge = new OptimizeOptions { TargetFileSize = 1, DeletedRowsRatio = 0.05 };

        var result = await table.OptimizeAsync(everyFileIsLarge);

        result.FilesRemoved.Should().Be(1);
        result.DeletedRowsDropped.Should().Be(10);
        table.Snapshot.Files.Should().HaveCount(2).And.Contain(light).And.NotContain(heavy);
        table.Snapshot.Files.Single(f => f != light).ParsedStats!.NumRecords.Should().Be(90);
        (await RowsAsync(table)).Should().Equal(before);
        (await table.OptimizeAsync(everyFileIsLarge)).Committed.Should().BeFalse();
        (await table.OptimizeAsync(new OptimizeOptions { TargetFileSize = 1, DeletedRowsRatio = 0.02 })).FilesRemoved.Should().Be(1);
    }

    [Fact]
    public async Task Bins_are_cut_at_the_target_size_in_write_order()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), deletionVectors: false);
        var sizes = table.Snapshot.Files.OrderBy(f => f.ModificationTime).ThenBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Size).ToList();
        var target = sizes.Take(3).Sum();
        var before = await RowsAsync(table);

        var bins = OptimizeOperation.PlanBins(table.Snapshot, new OptimizeOptions(), target);
        var result = await table.OptimizeAsync(new OptimizeOptions { TargetFileSize = target });

        bins.Should().OnlyContain(b => b.Sum(f => f.Size) <= target);
        bins.Sum(b => b.Count).Should().BeGreaterThan(table.Snapshot.Files.Count - 1);
        result.FilesAdded.Should().Be(bins.Count).And.BeGreaterThan(1);
        result.FilesAfter.Should().BeLessThan(result.FilesBefore);
        (await RowsAsync(table)).Should().Equal(before);
    }

    [Fact]
    public async Task A_partition_filter_limits_the_partitions_and_must_name_partition_columns_only()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        var others = table.Snapshot.Files.Where(f => f.PartitionValues["country"] != "FR").ToList();

        var result = await table.OptimizeAsync(new OptimizeOptions { PartitionFilter = Expr.Eq("country", "FR") });

        result.PartitionsOptimized.Should().Be(1);
        table.Snapshot.Files.Where(f => f.PartitionValues["country"] == "FR").Should().ContainSingle();
        table.Snapshot.Files.Where(f => f.PartitionValues["country"] != "FR").Should().BeEquivalentTo(others);
        var wrong = () => table.OptimizeAsync(new OptimizeOptions { PartitionFilter = Expr.Eq("name", "x") });
        (await wrong.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'t'").And.Contain("'name'");
    }

    [Fact]
    public async Task A_concurrent_delete_on_an_input_file_makes_optimize_fail_without_bringing_its_rows_back()
    {
        using var dir = new TempDirectory();
        await SeedAsync(TestTables.Store(dir));
        var concurrentDeleteDone = false;
        var optimizer = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            AutoCheckpoint = false,
            BeforeCommit = async (_, ct) =>
            {
                if (concurrentDeleteDone)
                    return;
                concurrentDeleteDone = true;
                var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", cancellationToken: ct);
                await other.DeleteAsync(Expr.Eq("id", "id-0021"), cancellationToken: ct);
            },
        });

        var optimize = () => optimizer.OptimizeAsync();

        (await optimize.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.FileRemovedConcurrently);
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        (await table.HistoryAsync(1))[0].Operation.Should().Be("DELETE");
        (await table.ToListAsync(Expr.Eq("id", "id-0021"))).Should().BeEmpty();
        (await table.OptimizeAsync()).FilesAfter.Should().Be(1, "a rerun from the new snapshot succeeds");
        (await table.ToListAsync(Expr.Eq("id", "id-0021"))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_merge_that_read_files_before_optimize_removed_them_fails_instead_of_committing_over_them()
    {
        using var dir = new TempDirectory();
        await SeedAsync(TestTables.Store(dir));
        var optimized = false;
        var merger = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            AutoCheckpoint = false,
            BeforeCommit = async (_, ct) =>
            {
                if (optimized)
                    return;
                optimized = true;
                var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", cancellationToken: ct);
                await other.OptimizeAsync(cancellationToken: ct);
            },
        });

        var merge = () => merger.MergeAsync([R(22, "v3")], ["id"]);

        await merge.Should().ThrowAsync<DeltaConcurrencyException>();
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        (await table.ToListAsync(Expr.Eq("id", "id-0022"))).Should().ContainSingle().Which["name"].Should().Be("name 22 v1");
    }

    [Fact]
    public async Task A_concurrent_append_does_not_conflict_and_its_rows_survive()
    {
        using var dir = new TempDirectory();
        await SeedAsync(TestTables.Store(dir));
        var appended = false;
        var optimizer = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            AutoCheckpoint = false,
            BeforeCommit = async (_, ct) =>
            {
                if (appended)
                    return;
                appended = true;
                var other = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", cancellationToken: ct);
                await other.AppendAsync([R(1000)], cancellationToken: ct);
            },
        });
        var expected = (await RowsAsync(optimizer)).Append(ValueRenderer.RenderRow(R(1000)).ToJsonString()).Order(StringComparer.Ordinal).ToList();

        var result = await optimizer.OptimizeAsync();

        result.Committed.Should().BeTrue();
        optimizer.Snapshot.Files.Should().HaveCount(2, "the compacted file and the concurrently appended one");
        (await RowsAsync(optimizer)).Should().Equal(expected);
    }

    [Fact]
    public async Task Time_travel_to_the_version_before_optimize_reads_the_old_files()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir));
        var version = table.Version;
        var oldFiles = table.Snapshot.Files.Select(f => f.Path).ToList();
        var before = await RowsAsync(table);

        await table.OptimizeAsync();
        await table.MergeAsync([R(1, "after")], ["id"]);

        var old = await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "t", version);
        old.Snapshot.Files.Select(f => f.Path).Should().BeEquivalentTo(oldFiles);
        (await RowsAsync(old)).Should().Equal(before);
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_the_table_unchanged_and_orphans_that_vacuum_removes()
    {
        using var dir = new TempDirectory();
        await SeedAsync(TestTables.Store(dir), keyIndex: true);
        var crashing = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            BeforeCommit = (_, _) => throw new IOException("simulated crash"),
        });
        var version = crashing.Version;
        var before = await RowsAsync(crashing);
        var filesOnDisk = ParquetFiles(dir).Length;

        var optimize = () => crashing.OptimizeAsync();

        await optimize.Should().ThrowAsync<IOException>();
        ParquetFiles(dir).Should().HaveCount(filesOnDisk + 1, "the compacted file was written, not committed");
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        table.Version.Should().Be(version);
        (await RowsAsync(table)).Should().Equal(before);

        var vacuum = await table.VacuumAsync(TimeSpan.Zero, allowShortRetention: true);

        vacuum.Files.Should().Contain(f => f.EndsWith(".parquet", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("_crmsync_index/", StringComparison.Ordinal), "the orphan's sidecar goes with it");
        ParquetFiles(dir).Should().HaveCount(table.Snapshot.Files.Count);
        (await RowsAsync(table)).Should().Equal(before);
    }

    [Fact]
    public async Task New_files_get_key_index_sidecars_so_a_key_lookup_still_skips_files()
    {
        using var dir = new TempDirectory();
        var store = new CountingStore(TestTables.Store(dir));
        var table = await SeedAsync(store, partitionBy: ["country"], keyIndex: true);

        await table.OptimizeAsync();

        table.Snapshot.Files.Should().HaveCount(3);
        foreach (var file in table.Snapshot.Files)
            File.Exists(Path.Combine(dir.Path, "t", "_crmsync_index", file.DecodedPath + ".bloom")).Should().BeTrue();
        var reader = await DeltaTable.OpenAsync(store, "t");
        store.Opened = 0;
        (await reader.ToListAsync(Expr.In("id", "id-0031", "id-9999"))).Should().ContainSingle();
        store.Opened.Should().Be(1, "the filters of the other partitions' files hold neither key");
        store.Opened = 0;
        (await reader.ToListAsync(Expr.In("id", "id-9998", "id-9999"))).Should().BeEmpty();
        store.Opened.Should().Be(0);
    }

    [Fact]
    public async Task A_checkpoint_after_optimize_replays_to_the_same_files_and_rows()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(TestTables.Store(dir), partitionBy: ["country"]);
        await table.OptimizeAsync();
        await table.MergeAsync([R(2, "after", Country(2, ["country"]))], ["id"]);
        var files = table.Snapshot.Files.Select(f => f.Key).ToList();
        var rows = await RowsAsync(table);

        await table.CheckpointAsync();
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        reopened.Snapshot.CheckpointVersion.Should().Be(table.Version);
        reopened.Snapshot.Files.Select(f => f.Key).Should().BeEquivalentTo(files);
        reopened.Snapshot.Tombstones.Should().Contain(t => t.DeletionVector != null && !t.DataChange);
        (await RowsAsync(reopened)).Should().Equal(rows);
    }

    [Fact]
    public async Task The_target_size_comes_from_the_option_then_the_table_property_then_the_default()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, null,
            new Dictionary<string, string> { [OptimizeOptions.TargetFileSizeProperty] = "64mb" });
        var plain = await DeltaTable.CreateAsync(TestTables.Store(dir), "p", Schema);

        new OptimizeOptions().ResolveTargetFileSize(table.Snapshot).Should().Be(64L << 20);
        new OptimizeOptions { TargetFileSize = 1000 }.ResolveTargetFileSize(table.Snapshot).Should().Be(1000);
        new OptimizeOptions().ResolveTargetFileSize(plain.Snapshot).Should().Be(OptimizeOptions.DefaultTargetFileSize);
        OptimizeOptions.ParseSize("134217728").Should().Be(134217728);
        OptimizeOptions.ParseSize(" 1 GB ").Should().Be(1L << 30);
        OptimizeOptions.ParseSize("512kb").Should().Be(512 * 1024);
        OptimizeOptions.ParseSize("-5").Should().BeNull();
        OptimizeOptions.ParseSize("lots").Should().BeNull();
        var bad = await DeltaTable.CreateAsync(TestTables.Store(dir), "b", Schema, null,
            new Dictionary<string, string> { [OptimizeOptions.TargetFileSizeProperty] = "lots" });
        var optimize = () => bad.OptimizeAsync();
        (await optimize.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("'b'").And.Contain("delta.targetFileSize");
    }
}
