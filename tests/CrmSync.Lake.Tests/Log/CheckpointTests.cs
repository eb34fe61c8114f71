using System.Text.Json.Nodes;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using ParquetSharp;

namespace CrmSync.Lake.Tests.Log;

public class CheckpointTests
{
    private static async Task<DeltaTable> BuildHistoryAsync(TempDirectory dir, string interval)
    {
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, ["country"],
            new Dictionary<string, string> { ["delta.checkpointInterval"] = interval }, new DeltaTableOptions { MaxRowsPerFile = 4 });
        await table.AppendAsync(TestTables.Contacts(0, 10, "DE"), new WriteOptions { Txn = new TransactionId("app-a", 1) });
        await table.AppendAsync(TestTables.Contacts(10, 10, "FR"), new WriteOptions { Txn = new TransactionId("app-b", 5) });
        await table.DeleteAsync(Expr.Eq("id", 3L));
        await table.MergeAsync([TestTables.Contact(12, "merged", "FR")], ["id"]);
        await table.OverwriteAsync(TestTables.Contacts(100, 2, "NL"), Expr.Eq("country", "NL"));
        await table.AppendAsync(TestTables.Contacts(200, 1, "DE"), new WriteOptions { Txn = new TransactionId("app-a", 2) });
        return table;
    }

    [Fact]
    public async Task Checkpoints_are_written_every_interval_and_replay_from_them_equals_replay_from_json()
    {
        using var dir = new TempDirectory();
        var table = await BuildHistoryAsync(dir, "3");
        table.Version.Should().Be(6);
        var log = Path.Combine(dir.Path, "t", "_delta_log");
        File.Exists(Path.Combine(log, "00000000000000000003.checkpoint.parquet")).Should().BeTrue();
        File.Exists(Path.Combine(log, "00000000000000000006.checkpoint.parquet")).Should().BeTrue();
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(log, "_last_checkpoint")))!["version"]!.GetValue<long>().Should().Be(6);

        var fromCheckpoint = (await DeltaTable.OpenAsync(TestTables.Store(dir), "t")).Snapshot;
        fromCheckpoint.CheckpointVersion.Should().Be(6);
        var fromJson = (await DeltaTable.OpenAsync(new JsonOnlyStore(TestTables.Store(dir)), "t")).Snapshot;
        fromJson.CheckpointVersion.Should().BeNull();

        fromCheckpoint.Version.Should().Be(fromJson.Version);
        fromCheckpoint.Protocol.Should().BeEquivalentTo(fromJson.Protocol);
        fromCheckpoint.Metadata.Should().BeEquivalentTo(fromJson.Metadata, o => o.Excluding(m => m.Schema));
        fromCheckpoint.Files.Select(Describe).Should().Equal(fromJson.Files.Select(Describe));
        fromCheckpoint.Files.Should().HaveCount(8);
        fromCheckpoint.Tombstones.Select(t => (t.Path, t.DeletionTimestamp, t.Size)).Order()
            .Should().Equal(fromJson.Tombstones.Select(t => (t.Path, t.DeletionTimestamp, t.Size)).Order());
        fromCheckpoint.Tombstones.Should().NotBeEmpty();
        fromCheckpoint.Transactions.Should().BeEquivalentTo(new Dictionary<string, long> { ["app-a"] = 2, ["app-b"] = 5 });
        fromJson.Transactions.Should().BeEquivalentTo(fromCheckpoint.Transactions);

        var midway = await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "t", 4);
        midway.Snapshot.CheckpointVersion.Should().Be(3);
        (await midway.ToListAsync(Expr.Eq("id", 12L))).Single()["name"].Should().Be("merged");
    }

    [Fact]
    public async Task Without_last_checkpoint_the_newest_checkpoint_is_found_by_listing()
    {
        using var dir = new TempDirectory();
        var table = await BuildHistoryAsync(dir, "3");
        File.Delete(Path.Combine(dir.Path, "t", "_delta_log", "_last_checkpoint"));
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        reopened.Snapshot.CheckpointVersion.Should().Be(6);
        (await reopened.CountAsync()).Should().Be(await table.CountAsync());
    }

    [Fact]
    public async Task The_checkpoint_has_the_layout_spark_reads()
    {
        using var dir = new TempDirectory();
        var table = await BuildHistoryAsync(dir, "100");
        var result = await table.CheckpointAsync();
        result.Version.Should().Be(6);

        using var reader = new ParquetFileReader(Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000006.checkpoint.parquet"));
        var schema = reader.FileMetaData.Schema;
        var top = Enumerable.Range(0, schema.GroupNode.FieldCount).Select(i => schema.GroupNode.Field(i).Name).ToList();
        top.Should().Equal("txn", "add", "remove", "metaData", "protocol");
        var leaves = Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Path.ToDotString()).ToList();
        leaves.Should().Contain(["add.path", "add.stats", "add.partitionValues.key_value.key", "add.partitionValues.key_value.value",
            "metaData.schemaString", "protocol.minReaderVersion", "txn.appId", "remove.deletionTimestamp"]);
        schema.Column(leaves.IndexOf("add.stats")).LogicalType.Should().BeOfType<StringLogicalType>();
        var lastCheckpoint = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "t", "_delta_log", "_last_checkpoint")))!;
        lastCheckpoint["size"]!.GetValue<long>().Should().Be(reader.FileMetaData.NumRows);
    }

    private static string Describe(AddFile f) =>
        $"{f.Path}|{f.Size}|{f.ModificationTime}|{f.DataChange}|{f.Stats}|" +
        string.Join(";", f.PartitionValues.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value ?? "<null>"}"));
}
