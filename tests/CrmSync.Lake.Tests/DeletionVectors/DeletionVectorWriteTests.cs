using System.Text.Json.Nodes;
using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Lake.Tests.DeletionVectors;

/// <summary>DELETE and MERGE on tables with deletion vectors enabled: same rows as copy-on-write, files kept in place,
/// Spark's remove + add per touched file, checkpoints, time travel, crashes and vacuum.</summary>
public class DeletionVectorWriteTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.Long, nullable: false),
        new StructField("name", PrimitiveType.String),
        new StructField("deleted", PrimitiveType.Boolean));

    private static readonly Dictionary<string, string> WithDeletionVectors = new() { [TableFeatures.EnableDeletionVectorsProperty] = "true" };

    private static Row R(long id, string name, bool deleted = false) => Row.Of(Schema, id, name, deleted);

    /// <summary>Four files of 100 ids each: [0,99], [100,199], [200,299], [300,399].</summary>
    private static async Task<DeltaTable> SeedAsync(TempDirectory dir, bool deletionVectors = true, DeltaTableOptions? options = null)
    {
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, null, deletionVectors ? WithDeletionVectors : null,
            options ?? new DeltaTableOptions { MaxRowsPerFile = 100 });
        await table.AppendAsync(Enumerable.Range(0, 400).Select(i => R(i, "v1")));
        return table;
    }

    private static AddFile FileHolding(DeltaTable table, long id) =>
        table.Snapshot.Files.Single(f => f.ParsedStats!.MinValues!["id"]!.GetValue<long>() <= id && id <= f.ParsedStats.MaxValues!["id"]!.GetValue<long>());

    private static List<JsonObject> Commit(TempDirectory dir, long version) =>
        File.ReadAllLines(Path.Combine(dir.Path, "t", "_delta_log", $"{version:D20}.json")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static string[] DvFiles(TempDirectory dir) =>
        [.. Directory.GetFiles(Path.Combine(dir.Path, "t"), "deletion_vector_*.bin").Select(Path.GetFileName).Order()!];

    private static async Task<Dictionary<long, string>> RowsAsync(DeltaTable table) =>
        (await table.ToListAsync()).ToDictionary(r => (long)r["id"]!, r => (string)r["name"]!);

    [Fact]
    public async Task Merge_keeps_touched_files_in_place_with_a_dv_and_returns_the_same_rows_as_copy_on_write()
    {
        using var dvDir = new TempDirectory();
        using var cowDir = new TempDirectory();
        var dv = await SeedAsync(dvDir);
        var cow = await SeedAsync(cowDir, deletionVectors: false);
        var filesBefore = dv.Snapshot.Files.ToDictionary(f => f.Path);
        var (file0, file1, file2) = (FileHolding(dv, 5).Path, FileHolding(dv, 150).Path, FileHolding(dv, 250).Path);
        Row[] source = [R(5, "v2"), R(6, "gone", deleted: true), R(150, "v2"), R(1000, "new"), R(1001, "skip", deleted: true)];
        var options = new MergeOptions { DeleteMatchedWhen = Expr.Eq("deleted", true) };

        var result = await dv.MergeAsync(source, ["id"], options);
        var cowResult = await cow.MergeAsync(source, ["id"], options);

        (await RowsAsync(dv)).Should().BeEquivalentTo(await RowsAsync(cow));
        (await dv.CountAsync()).Should().Be(400);
        (result.RowsUpdated, result.RowsDeleted, result.RowsInserted).Should().Be((cowResult.RowsUpdated, cowResult.RowsDeleted, cowResult.RowsInserted));
        result.RowsCopied.Should().Be(0, "no untouched row is copied");
        cowResult.RowsCopied.Should().Be(197);
        result.FilesRewritten.Should().Be(0);
        result.FilesWithNewDeletionVector.Should().Be(2);
        result.FilesSkipped.Should().Be(2);
        result.Commit.Metric("numTargetDeletionVectorsAdded").Should().Be(2);

        var after = dv.Snapshot.Files.ToDictionary(f => f.Path);
        after.Keys.Should().Contain(filesBefore.Keys, "no data file was removed or rewritten");
        after.Should().HaveCount(5, "the four files plus one with the updated and inserted rows");
        after[file0].DeletionVector!.Cardinality.Should().Be(2, "id 5 updated, id 6 deleted");
        after[file1].DeletionVector!.Cardinality.Should().Be(1);
        after[file2].Should().Be(filesBefore[file2], "an untouched file keeps its add action");
        DvFiles(dvDir).Should().ContainSingle("one DV file per commit holds the DVs of both files");

        var commit = Commit(dvDir, result.Version);
        foreach (var touched in new[] { file0, file1 })
        {
            var remove = commit.Single(a => a["remove"]?["path"]?.GetValue<string>() == touched)["remove"]!;
            remove["deletionVector"].Should().BeNull("the file had no DV before");
            var add = commit.Single(a => a["add"]?["path"]?.GetValue<string>() == touched)["add"]!;
            add["size"]!.GetValue<long>().Should().Be(filesBefore[touched].Size);
            add["modificationTime"]!.GetValue<long>().Should().Be(filesBefore[touched].ModificationTime);
            add["deletionVector"]!["storageType"]!.GetValue<string>().Should().Be("u");
            var stats = JsonNode.Parse(add["stats"]!.GetValue<string>())!;
            stats["numRecords"]!.GetValue<long>().Should().Be(100, "numRecords stays the physical row count");
            stats["tightBounds"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    /// <summary>Merges by string keys read the target's raw key bytes and convert only the rows a source key's bytes
    /// match; rounds of updates, deletes and inserts over files of several row groups, already carrying DVs, must leave the
    /// same rows as copy-on-write, for a single key and for a composite key whose first column has two values.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Merges_by_string_keys_leave_the_same_rows_as_copy_on_write(bool compositeKey)
    {
        var schema = new StructType(
            new StructField("system", PrimitiveType.String, nullable: false),
            new StructField("key", PrimitiveType.String, nullable: false),
            new StructField("value", PrimitiveType.Long),
            new StructField("deleted", PrimitiveType.Boolean));
        Row Of(int id, long value, bool deleted = false) => Row.Of(schema, id % 2 == 0 ? "hubspot" : "dynamics", $"id-{id:D5}", value, deleted);
        string[] keys = compositeKey ? ["system", "key"] : ["key"];
        var options = new DeltaTableOptions { MaxRowsPerFile = 1_000, RowGroupRows = 128 };
        using var dvDir = new TempDirectory();
        using var cowDir = new TempDirectory();
        var dv = await DeltaTable.CreateAsync(TestTables.Store(dvDir), "t", schema, null, WithDeletionVectors, options);
        var cow = await DeltaTable.CreateAsync(TestTables.Store(cowDir), "t", schema, null, null, options);
        foreach (var table in new[] { dv, cow })
            await table.AppendAsync(Enumerable.Range(0, 3_000).Select(i => Of(i, 0)));
        var random = new Random(5);
        var mergeOptions = new MergeOptions { DeleteMatchedWhen = Expr.Eq("deleted", true) };

        for (var round = 1; round <= 4; round++)
        {
            var source = Enumerable.Range(0, 3_200).OrderBy(_ => random.Next()).Take(80)
                .Select(id => Of(id, round, deleted: random.Next(4) == 0)).ToList();
            var dvResult = await dv.MergeAsync(source, keys, mergeOptions);
            var cowResult = await cow.MergeAsync(source, keys, mergeOptions);

            (dvResult.RowsUpdated, dvResult.RowsDeleted, dvResult.RowsInserted).Should().Be((cowResult.RowsUpdated, cowResult.RowsDeleted, cowResult.RowsInserted), "round {0}", round);
            var dvRows = (await dv.ToListAsync()).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order().ToList();
            dvRows.Should().Equal((await cow.ToListAsync()).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order(), "round {0}", round);
        }

        dv.Snapshot.Files.Should().Contain(f => f.DeletionVector != null, "the merges marked rows in place");
    }

    [Fact]
    public async Task A_second_delete_on_a_file_unions_its_dv_and_the_tombstone_carries_the_old_dv()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var first = await table.DeleteAsync(Expr.Eq("id", 3L));
        first.Metric("numDeletionVectorsAdded").Should().Be(1);
        var firstDv = FileHolding(table, 3).DeletionVector!;

        var second = await table.DeleteAsync(Expr.Or(Expr.Eq("id", 7L), Expr.Eq("id", 250L)));

        second.Metric("numDeletionVectorsUpdated").Should().Be(1);
        second.Metric("numDeletionVectorsAdded").Should().Be(1);
        second.Metric("numDeletedRows").Should().Be(2);
        second.Metric("numCopiedRows").Should().Be(0);
        FileHolding(table, 3).DeletionVector!.Cardinality.Should().Be(2);
        var ids = (await table.ToListAsync()).Select(r => (long)r["id"]!).ToHashSet();
        ids.Should().HaveCount(397).And.NotContain([3L, 7L, 250L]);
        (await table.CountAsync()).Should().Be(397, "stats minus DV cardinalities");
        (await table.CountAsync(Expr.Eq("id", 3L))).Should().Be(0);
        (await table.ToListAsync(Expr.Eq("id", 4L))).Should().ContainSingle();

        var remove = Commit(dir, second.Version).Single(a => a["remove"]?["path"]?.GetValue<string>() == FileHolding(table, 3).Path)["remove"]!;
        remove["deletionVector"]!["pathOrInlineDv"]!.GetValue<string>().Should().Be(firstDv.PathOrInlineDv);
        DvFiles(dir).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_file_whose_rows_are_all_deleted_is_removed_instead_of_given_a_dv()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        await table.DeleteAsync(Expr.Eq("id", 3L));
        var path = FileHolding(table, 3).Path;

        var result = await table.DeleteAsync(Expr.Lt("id", 100L));

        result.Metric("numRemovedFiles").Should().Be(1);
        result.Metric("numDeletionVectorsRemoved").Should().Be(1);
        result.Metric("numDeletedRows").Should().Be(99, "id 3 was already deleted");
        table.Snapshot.Files.Should().HaveCount(3).And.NotContain(f => f.Path == path);
        (await table.CountAsync()).Should().Be(300);
    }

    [Fact]
    public async Task Time_travel_to_before_the_dv_sees_the_deleted_rows()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir);
        var before = table.Version;
        await table.MergeAsync([R(10, "changed"), R(20, "changed")], ["id"]);

        var old = await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "t", before);
        old.Snapshot.Files.Should().OnlyContain(f => f.DeletionVector == null);
        (await RowsAsync(old)).Values.Should().OnlyContain(n => n == "v1").And.HaveCount(400);
        var rows = await RowsAsync(table);
        rows.Should().HaveCount(400);
        rows[10].Should().Be("changed");
    }

    [Fact]
    public async Task A_checkpoint_with_dvs_replays_to_the_same_snapshot_as_the_json_commits()
    {
        using var dir = new TempDirectory();
        var table = await SeedAsync(dir, options: new DeltaTableOptions { MaxRowsPerFile = 100, AutoCheckpoint = false });
        await table.DeleteAsync(Expr.Eq("id", 3L));
        await table.MergeAsync([R(4, "v2"), R(399, "v2")], ["id"]);
        await table.CheckpointAsync();

        var fromCheckpoint = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        var fromJson = await DeltaTable.OpenAsync(new JsonOnlyStore(TestTables.Store(dir)), "t");

        fromCheckpoint.Snapshot.CheckpointVersion.Should().Be(table.Version);
        fromJson.Snapshot.CheckpointVersion.Should().BeNull();
        fromCheckpoint.Snapshot.Files.Should().BeEquivalentTo(fromJson.Snapshot.Files, o => o.Excluding(f => f.ParsedStats));
        fromCheckpoint.Snapshot.Files.Count(f => f.DeletionVector is not null).Should().Be(2);
        fromCheckpoint.Snapshot.Tombstones.Select(t => t.Key).Should().BeEquivalentTo(fromJson.Snapshot.Tombstones.Select(t => t.Key));
        fromCheckpoint.Snapshot.Tombstones.Should().Contain(t => t.DeletionVector != null, "the merge removed the file with the delete's DV");
        (await RowsAsync(fromCheckpoint)).Should().BeEquivalentTo(await RowsAsync(fromJson)).And.HaveCount(399);
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_the_table_readable_and_the_orphan_dv_file_harmless()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await SeedAsync(dir, options: new DeltaTableOptions { MaxRowsPerFile = 100, Clock = clock });
        var crashing = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            Clock = clock,
            BeforeCommit = (_, _) => throw new IOException("simulated crash"),
        });

        var act = () => crashing.MergeAsync([R(5, "lost")], ["id"]);
        await act.Should().ThrowAsync<IOException>();

        DvFiles(dir).Should().ContainSingle("the DV file is written before the commit");
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions { Clock = clock });
        reopened.Version.Should().Be(1);
        reopened.Snapshot.Files.Should().OnlyContain(f => f.DeletionVector == null);
        (await RowsAsync(reopened))[5].Should().Be("v1");

        clock.Advance(TimeSpan.FromDays(8));
        var vacuum = await reopened.VacuumAsync();
        vacuum.Files.Should().Contain(f => f.StartsWith("deletion_vector_", StringComparison.Ordinal));
        DvFiles(dir).Should().BeEmpty();
        (await reopened.CountAsync()).Should().Be(400);
    }

    [Fact]
    public async Task Vacuum_keeps_dv_files_of_live_files_and_deletes_superseded_ones_after_the_retention()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var table = await SeedAsync(dir, options: new DeltaTableOptions { MaxRowsPerFile = 100, Clock = clock });
        await table.DeleteAsync(Expr.Eq("id", 3L));
        var superseded = FileHolding(table, 3).DeletionVector!.RelativePath;
        clock.Advance(TimeSpan.FromDays(1));
        await table.DeleteAsync(Expr.Eq("id", 4L));
        var live = FileHolding(table, 3).DeletionVector!.RelativePath;

        (await table.VacuumAsync()).Files.Should().BeEmpty("the superseded DV belongs to a tombstone within the retention");

        clock.Advance(TimeSpan.FromDays(8));
        var result = await table.VacuumAsync();

        result.Files.Should().Equal(superseded);
        File.Exists(Path.Combine(dir.Path, "t", live)).Should().BeTrue();
        (await table.CountAsync()).Should().Be(398);
        (await table.ToListAsync()).Should().HaveCount(398);
    }

    [Fact]
    public async Task Deletion_vectors_are_opt_in_at_create_or_by_enabling_them_on_an_existing_table()
    {
        using var dir = new TempDirectory();
        var created = await DeltaTable.CreateAsync(TestTables.Store(dir), "created", Schema, null, WithDeletionVectors);
        created.DeletionVectorsEnabled.Should().BeTrue();
        created.Snapshot.Protocol.Should().BeEquivalentTo(new ProtocolAction(3, 7, ["deletionVectors"], ["deletionVectors"]));

        var table = await SeedAsync(dir, deletionVectors: false);
        table.DeletionVectorsEnabled.Should().BeFalse();
        var paths = table.Snapshot.Files.Select(f => f.Path).ToList();
        await table.DeleteAsync(Expr.Eq("id", 1L));
        table.Snapshot.Files.Select(f => f.Path).Should().NotBeEquivalentTo(paths, "without DVs the file is rewritten");

        var enabled = await table.EnableDeletionVectorsAsync();

        enabled.AlreadyCommitted.Should().BeFalse();
        table.DeletionVectorsEnabled.Should().BeTrue();
        table.Snapshot.Protocol.Should().BeEquivalentTo(new ProtocolAction(3, 7, ["deletionVectors"], ["appendOnly", "invariants", "deletionVectors"]),
            "features implied by writer version 2 stay listed");
        table.Snapshot.Configuration[TableFeatures.EnableDeletionVectorsProperty].Should().Be("true");
        (await table.HistoryAsync(1))[0].Operation.Should().Be("SET TBLPROPERTIES");
        paths = table.Snapshot.Files.Select(f => f.Path).ToList();
        await table.DeleteAsync(Expr.Eq("id", 2L));
        table.Snapshot.Files.Select(f => f.Path).Should().BeEquivalentTo(paths, "with DVs the file stays");
        (await table.CountAsync()).Should().Be(398);

        var again = await table.EnableDeletionVectorsAsync();
        again.AlreadyCommitted.Should().BeTrue();
        again.Version.Should().Be(table.Version);
    }

    [Fact]
    public async Task Concurrent_dv_deletes_on_the_same_file_conflict_instead_of_losing_a_deletion()
    {
        using var dir = new TempDirectory();
        await SeedAsync(dir);
        var winner = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        var loser = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions
        {
            BeforeCommit = async (_, ct) =>
            {
                if (winner.Version == 1)
                    await winner.DeleteAsync(Expr.Eq("id", 3L), cancellationToken: ct);
            },
        });

        var act = () => loser.DeleteAsync(Expr.Eq("id", 5L));

        (await act.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.FileRemovedConcurrently);
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        (await reopened.CountAsync()).Should().Be(399);
    }

    [Fact]
    public async Task A_spark_written_dv_is_extended_and_the_new_dv_file_holds_the_union()
    {
        using var dir = new TempDirectory();
        CopyDirectory(Path.Combine(Conformance.SharedPaths.ConformanceRoot, "tables", "basic-dv-no-checkpoint"), Path.Combine(dir.Path, "t"));
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        table.DeletionVectorsEnabled.Should().BeTrue();
        var sparkDv = table.Snapshot.Files.Single(f => f.DeletionVector is not null);

        await table.DeleteAsync(Expr.Eq("id", 3L));

        (await table.ToListAsync()).Select(r => (long)r["id"]!).Order().Should().Equal(2, 4, 5, 6, 7, 8, 9);
        var updated = table.Snapshot.Files.Single(f => f.Path == sparkDv.Path);
        updated.DeletionVector!.Cardinality.Should().Be(3);
        var remove = Commit(dir, table.Version).Single(a => a["remove"] is not null)["remove"]!;
        remove["deletionVector"]!["pathOrInlineDv"]!.GetValue<string>().Should().Be(sparkDv.DeletionVector!.PathOrInlineDv);
        var rows = await DeletionVectorReader.ReadAsync(table.Store, "t", updated, CancellationToken.None);
        rows.Values.ToArray().Should().Equal(0L, 1L, 3L);
    }

    [Fact]
    public async Task Inline_dvs_are_applied()
    {
        using var dir = new TempDirectory();
        CopyDirectory(Path.Combine(Conformance.SharedPaths.ConformanceRoot, "tables", "basic-dv-no-checkpoint"), Path.Combine(dir.Path, "t"));
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        var file = table.Snapshot.Files.Single(f => f.DeletionVector is null); // ids 5..9
        var bitmap = RoaringBitmapArrayFormat.Serialize(RowIndexSet.Of([0, 4]));
        var inline = new DeletionVectorDescriptor("i", Z85.Encode(bitmap), null, bitmap.Length, 2);
        await File.WriteAllLinesAsync(Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000002.json"),
        [
            ActionJson.Serialize(file.ToRemove(1)),
            ActionJson.Serialize(new AddFile(file.Path, file.PartitionValues, file.Size, file.ModificationTime, true, file.Stats, null, inline)),
        ]);

        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        (await reopened.ToListAsync()).Select(r => (long)r["id"]!).Order().Should().Equal(2, 3, 4, 6, 7, 8);
        (await reopened.CountAsync()).Should().Be(6);
    }

    [Fact]
    public async Task A_corrupt_or_missing_dv_file_is_reported_naming_it_and_the_data_file()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "t");
        CopyDirectory(Path.Combine(Conformance.SharedPaths.ConformanceRoot, "tables", "basic-dv-no-checkpoint"), root);
        var dvFile = Path.Combine(root, "deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin");
        var bytes = await File.ReadAllBytesAsync(dvFile);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(dvFile, bytes);
        var table = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        var corrupt = () => table.ToListAsync();
        var error = (await corrupt.Should().ThrowAsync<DeltaDeletionVectorCorruptException>()).Which;
        error.Location.Should().Be("t/deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin");
        error.DataFile.Should().StartWith("part-00000-a489737f");
        error.Message.Should().Contain("checksum");

        File.Delete(dvFile);
        var missing = () => table.ToListAsync();
        (await missing.Should().ThrowAsync<DeltaFileNotFoundException>()).Which.FilePath.Should().EndWith("deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
