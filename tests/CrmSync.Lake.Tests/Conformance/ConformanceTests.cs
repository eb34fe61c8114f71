using CrmSync.Lake.Tests.Support;
using System.Text.Json.Nodes;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Tests.Conformance;

/// <summary>Reads every Spark-written table of /shared/delta-conformance and checks it against expected/&lt;name&gt;.json.</summary>
public class ConformanceTests
{
    public static TheoryData<string> Tables()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedPaths.ConformanceRoot, "expected"), "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Table_reads_as_expected(string name)
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SharedPaths.ConformanceRoot, "expected", name + ".json")))!.AsObject();
        var store = new LocalFileSystemStore(Path.Combine(SharedPaths.ConformanceRoot, "tables"));

        if (expected["columnMappingMode"]?.GetValue<string>() is "name" or "id")
        {
            var open = async () =>
            {
                var t = await DeltaTable.OpenAsync(store, name);
                await t.ToListAsync();
            };
            (await open.Should().ThrowAsync<UnsupportedTableFeatureException>()).Which.Feature.Should().Be(TableFeatures.ColumnMapping);
            return;
        }

        var table = await DeltaTable.OpenAsync(store, name);
        var snapshot = table.Snapshot;
        snapshot.Version.Should().Be(expected["latestVersion"]!.GetValue<long>());
        snapshot.Metadata.SchemaString.Should().Be(expected["schemaString"]!.GetValue<string>());
        snapshot.Protocol.MinReaderVersion.Should().Be(expected["protocol"]!["minReaderVersion"]!.GetValue<int>());
        snapshot.Protocol.MinWriterVersion.Should().Be(expected["protocol"]!["minWriterVersion"]!.GetValue<int>());

        var schema = expected["schema"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["type"]!.GetValue<string>(), f["nullable"]!.GetValue<bool>()));
        table.Schema.Fields.Select(f => (f.Name, f.Type.SimpleString, f.Nullable)).Should().Equal(schema);
        table.PartitionColumns.Should().Equal(expected["partitionColumns"]!.AsArray().Select(p => p!.GetValue<string>()));

        var checkpoint = expected["checkpoint"] as JsonObject;
        snapshot.CheckpointVersion.Should().Be(checkpoint?["version"]!.GetValue<long>());

        await CheckActiveFiles(table, expected["activeFiles"]!.AsArray());
        (await ScanCountAsync(table)).Should().Be(expected["numRows"]!.GetValue<long>());
        (await table.CountAsync()).Should().Be(expected["numRows"]!.GetValue<long>());
        if (expected["numRowsBeforeDeletionVectors"] is JsonValue beforeDeletionVectors)
            table.Snapshot.Files.Sum(f => f.ParsedStats!.NumRecords!.Value).Should().Be(beforeDeletionVectors.GetValue<long>());

        if (expected["txn"] is JsonObject txn)
        {
            foreach (var (appId, version) in txn)
                snapshot.GetTransactionVersion(appId).Should().Be(version!.GetValue<long>());
        }

        if (expected["rows"] is JsonArray rows)
        {
            var actual = (await table.ToListAsync()).Select(r => ValueRenderer.Canonical(ValueRenderer.RenderRow(r))).Order(StringComparer.Ordinal);
            var wanted = rows.Select(ValueRenderer.Canonical).Order(StringComparer.Ordinal);
            actual.Should().Equal(wanted);
        }

        if (expected["versions"] is JsonArray versions)
        {
            foreach (var v in versions)
            {
                var at = await DeltaTable.OpenAtVersionAsync(store, name, v!["version"]!.GetValue<long>());
                at.Snapshot.Files.Should().HaveCount(v["numActiveFiles"]!.GetValue<int>(), $"version {at.Version}");
                (await ScanCountAsync(at)).Should().Be(v["numRows"]!.GetValue<long>(), $"version {at.Version}");
                if (v["schemaString"] is JsonValue schemaString)
                    at.Snapshot.Metadata.SchemaString.Should().Be(schemaString.GetValue<string>());
            }
        }
    }

    /// <summary>Counts by decoding every row (all columns), not from stats.</summary>
    /// <summary>The tables with a top-level string column that is not a partition column, and no column mapping: the
    /// ones a string key lookup applies to.</summary>
    public static TheoryData<string, string> KeyLookupTables()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedPaths.ConformanceRoot, "expected"), "*.json").Order(StringComparer.Ordinal))
        {
            var expected = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (expected["columnMappingMode"]?.GetValue<string>() is "name" or "id")
                continue;
            var partitions = expected["partitionColumns"]!.AsArray().Select(p => p!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var column = expected["schema"]!.AsArray()
                .FirstOrDefault(f => f!["type"]!.GetValue<string>() == "string" && !partitions.Contains(f["name"]!.GetValue<string>()));
            if (column is not null)
                data.Add(Path.GetFileNameWithoutExtension(file), column["name"]!.GetValue<string>());
        }

        return data;
    }

    /// <summary>A key lookup (IN on a top-level string column) reads Spark's encodings by its own path (the filter column
    /// first, the other columns point-read for the selected rows): it must return what the full scan filtered in memory
    /// returns.</summary>
    [Theory]
    [MemberData(nameof(KeyLookupTables))]
    public async Task Key_lookup_returns_the_rows_the_filtered_full_scan_returns(string name, string keyColumn)
    {
        var store = new LocalFileSystemStore(Path.Combine(SharedPaths.ConformanceRoot, "tables"));
        var table = await DeltaTable.OpenAsync(store, name);
        var all = await table.ToListAsync();
        var distinct = all.Select(r => r[keyColumn]).OfType<string>().Distinct().ToList();
        // One key: the other columns are point-read; five: past 1/8 of a small row group, they are decoded in bulk.
        foreach (var count in new[] { 1, 5 })
        {
            var keys = distinct.Where((_, i) => i % 7 == Math.Min(3, distinct.Count - 1)).Take(count).Cast<object?>().Append("absent").ToArray();
            var expected = all.Where(r => keys.Contains(r[keyColumn])).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order().ToList();

            var actual = (await table.ToListAsync(Expressions.Expr.In(keyColumn, keys))).Select(r => ValueRenderer.RenderRow(r).ToJsonString()).Order().ToList();

            expected.Should().NotBeEmpty();
            actual.Should().Equal(expected, "lookup of {0} in {1}", string.Join(", ", keys), keyColumn);
        }
    }

    private static async Task<long> ScanCountAsync(DeltaTable table)
    {
        long count = 0;
        await foreach (var batch in table.ScanAsync())
            count += batch.Rows.Count(r => r.Count == table.Schema.Count);
        return count;
    }

    private static async Task CheckActiveFiles(DeltaTable table, JsonArray expectedFiles)
    {
        var files = table.Snapshot.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        files.Select(f => f.Path).Should().Equal(expectedFiles.Select(f => f!["path"]!.GetValue<string>()));
        for (var i = 0; i < files.Count; i++)
        {
            var e = expectedFiles[i]!;
            files[i].Size.Should().Be(e["size"]!.GetValue<long>());
            files[i].PartitionValues.Should().BeEquivalentTo(
                e["partitionValues"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>()));
            (files[i].ParsedStats is not null).Should().Be(e["hasStats"]!.GetValue<bool>(), files[i].Path);
            var records = files[i].ParsedStats?.NumRecords;
            if (records is null)
            {
                // No stats: count the rows in the Parquet file itself.
                records = await new FileRowCounter(table).CountAsync(files[i]);
            }

            records.Should().Be(e["numRecords"]!.GetValue<long>(), files[i].Path);
            var dv = files[i].DeletionVector;
            if (e["deletionVector"] is JsonObject expectedDv)
            {
                dv.Should().NotBeNull(files[i].Path);
                dv!.StorageType.Should().Be(expectedDv["storageType"]!.GetValue<string>());
                dv.PathOrInlineDv.Should().Be(expectedDv["pathOrInlineDv"]!.GetValue<string>());
                dv.Offset.Should().Be(expectedDv["offset"]?.GetValue<int>());
                dv.SizeInBytes.Should().Be(expectedDv["sizeInBytes"]!.GetValue<int>());
                dv.Cardinality.Should().Be(expectedDv["cardinality"]!.GetValue<long>());
            }
            else
            {
                dv.Should().BeNull(files[i].Path);
            }
        }
    }
}
