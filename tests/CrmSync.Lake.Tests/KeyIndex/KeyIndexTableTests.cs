using CrmSync.Lake.Expressions;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using ParquetSharp;

namespace CrmSync.Lake.Tests.KeyIndex;

/// <summary>Tables with a key index against the same tables without one: same results always, fewer files read.</summary>
public class KeyIndexTableTests
{
    private const int FileRows = 100;
    private const int Files = 10;

    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.String, nullable: false),
        new StructField("email", PrimitiveType.String),
        new StructField("n", PrimitiveType.Long));

    // Random keys, so min/max stats of every file span nearly the whole key space and exclude nothing.
    private static readonly string[] Keys = RandomKeys(new Random(7), Files * FileRows);

    private static Row R(string id, long n) => Row.Of(Schema, id, id[..8] + "@example.org", n);

    private static async Task<(DeltaTable Table, CountingStore Store)> SeedAsync(TempDirectory dir, string path, bool keyIndex,
        bool deletionVectors = false, DeltaTableOptions? options = null)
    {
        var store = new CountingStore(TestTables.Store(dir));
        var configuration = new Dictionary<string, string>();
        if (deletionVectors)
            configuration[TableFeatures.EnableDeletionVectorsProperty] = "true";
        var table = await DeltaTable.CreateAsync(store, path, Schema, null, configuration,
            options ?? new DeltaTableOptions { MaxRowsPerFile = FileRows });
        if (keyIndex)
            await table.SetKeyIndexColumnsAsync(["id", "email"]);
        await table.AppendAsync(Keys.Select((k, i) => R(k, i)));
        return (table, store);
    }

    [Fact]
    public async Task Every_written_file_gets_a_sidecar_in_the_hidden_folder_and_the_property_names_the_columns()
    {
        using var dir = new TempDirectory();
        var (table, _) = await SeedAsync(dir, "t", keyIndex: true);

        table.KeyIndexedColumns.Should().Equal("id", "email");
        table.Snapshot.Configuration[KeyIndexColumns.Property].Should().Be("id,email");
        table.Snapshot.Files.Should().HaveCount(Files);
        foreach (var file in table.Snapshot.Files)
            File.Exists(Path.Combine(dir.Path, "t", "_crmsync_index", file.DecodedPath + ".bloom")).Should().BeTrue();
        (await table.HistoryAsync(2))[1].Operation.Should().Be("SET TBLPROPERTIES");
    }

    [Fact]
    public async Task A_merge_of_keys_held_by_one_file_reads_only_that_file_and_gives_what_an_unindexed_merge_gives()
    {
        using var dir = new TempDirectory();
        var (indexed, indexedStore) = await SeedAsync(dir, "indexed", keyIndex: true);
        var (plain, plainStore) = await SeedAsync(dir, "plain", keyIndex: false);
        // Five keys of the fourth file (rows 300..399) and five new keys.
        var source = Keys.Skip(3 * FileRows).Take(5).Concat(RandomKeys(new Random(8), 5)).Select(k => R(k, -1)).ToList();

        indexedStore.Opened = 0;
        plainStore.Opened = 0;
        var withIndex = await indexed.MergeAsync(source, ["id"]);
        var withoutIndex = await plain.MergeAsync(source, ["id"]);

        withIndex.FilesSkipped.Should().Be(Files - 1);
        withIndex.Commit.Metric("numTargetFilesSkipped").Should().Be(Files - 1);
        indexedStore.Opened.Should().Be(1, "only the file holding keys is read");
        plainStore.Opened.Should().BeGreaterThan(Files / 2, "min/max of random keys excludes almost nothing");
        (withIndex.RowsUpdated, withIndex.RowsInserted).Should().Be((5, 5));
        (withoutIndex.RowsUpdated, withoutIndex.RowsInserted).Should().Be((5, 5));
        (await ContentAsync(indexed)).Should().Equal(await ContentAsync(plain));
    }

    [Fact]
    public async Task A_lookup_or_merge_of_tens_of_thousands_of_keys_reads_only_the_files_holding_one()
    {
        // A partitioned stage's lookups: most keys are new (held by no file). Bloom filters at 32 bits per key would pass
        // ~90% of the files holding none of 50,000 keys; the exact key hashes pass none of them.
        using var dir = new TempDirectory();
        var (table, store) = await SeedAsync(dir, "t", keyIndex: true);
        var keys = Keys.Skip(7 * FileRows).Take(20).Concat(RandomKeys(new Random(10), 50_000)).ToList();

        store.Opened = 0;
        (await table.ToListAsync(Expr.In("id", keys))).Should().HaveCount(20);
        store.Opened.Should().Be(1);

        store.Opened = 0;
        var merge = await table.MergeAsync(keys.Select(k => R(k, -1)), ["id"]);
        merge.FilesSkipped.Should().Be(Files - 1);
        store.Opened.Should().Be(1);
        (merge.RowsUpdated, merge.RowsInserted).Should().Be((20, 50_000));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Merges_deletes_and_lookups_give_the_same_rows_with_and_without_the_index(bool deletionVectors)
    {
        using var dir = new TempDirectory();
        var (indexed, _) = await SeedAsync(dir, "indexed", keyIndex: true, deletionVectors);
        var (plain, _) = await SeedAsync(dir, "plain", keyIndex: false, deletionVectors);
        var random = new Random(11);
        foreach (var table in new[] { indexed, plain })
        {
            // Spread updates, inserts and deletes, then a second round over rows the first one rewrote or marked deleted.
            await table.MergeAsync(Keys.Where((_, i) => i % 37 == 0).Concat(RandomKeys(new Random(12), 20)).Select(k => R(k, -2)), ["id"]);
            await table.DeleteAsync(Expr.In("id", Keys.Where((_, i) => i % 53 == 1)));
            await table.MergeAsync(Keys.Where((_, i) => i % 37 == 0 || i % 41 == 3).Select(k => R(k, -3)), ["id"]);
        }

        (await ContentAsync(indexed)).Should().Equal(await ContentAsync(plain));
        for (var lookup = 0; lookup < 5; lookup++)
        {
            var keys = Keys.Where(_ => random.Next(50) == 0).Concat(RandomKeys(random, 10)).ToList();
            var expected = await ContentAsync(plain, Expr.In("id", keys));
            expected.Should().NotBeEmpty();
            (await ContentAsync(indexed, Expr.In("id", keys))).Should().Equal(expected);
            (await ContentAsync(indexed, Expr.Eq("email", keys[0][..8] + "@example.org"))).Should().Equal(await ContentAsync(plain, Expr.Eq("email", keys[0][..8] + "@example.org")));
        }
    }

    [Fact]
    public async Task An_in_lookup_reads_only_the_files_whose_filters_admit_a_key()
    {
        using var dir = new TempDirectory();
        var (table, store) = await SeedAsync(dir, "t", keyIndex: true);
        var keys = Keys.Skip(7 * FileRows).Take(20).Concat(RandomKeys(new Random(9), 20)).ToList();

        store.Opened = 0;
        var rows = await table.ToListAsync(Expr.In("id", keys));

        rows.Should().HaveCount(20);
        store.Opened.Should().Be(1);
        store.Opened = 0;
        (await table.ToListAsync(Expr.And(Expr.In("email", keys.Select(k => k[..8] + "@example.org")), Expr.Gt("n", -1L)))).Should().HaveCount(20);
        store.Opened.Should().Be(1, "an IN under AND uses the index too");
        store.Opened = 0;
        (await table.ToListAsync(Expr.Not(Expr.In("id", keys)))).Should().HaveCount(Files * FileRows - 20);
        store.Opened.Should().Be(Files, "a filter proves nothing under NOT");
    }

    [Fact]
    public async Task Files_without_a_sidecar_or_with_a_corrupt_one_might_hold_any_key_until_the_index_is_built()
    {
        using var dir = new TempDirectory();
        // Written before the index is enabled: no sidecars. Another store object, so this process has cached nothing for it.
        var (table, _) = await SeedAsync(dir, "t", keyIndex: false);
        await table.SetKeyIndexColumnsAsync(["id"]);
        await table.AppendAsync(RandomKeys(new Random(10), 50).Select(k => R(k, 0)));
        var root = Path.Combine(dir.Path, "t");
        var firstFile = table.Snapshot.Files.First(f => File.Exists(Path.Combine(root, "_crmsync_index", f.DecodedPath + ".bloom")));
        var corrupt = Path.Combine(root, "_crmsync_index", firstFile.DecodedPath + ".bloom");
        var bytes = await File.ReadAllBytesAsync(corrupt);
        bytes[40] ^= 0xFF;
        await File.WriteAllBytesAsync(corrupt, bytes);

        var reopenedStore = new CountingStore(TestTables.Store(dir));
        var reopened = await DeltaTable.OpenAsync(reopenedStore, "t");
        var keys = Keys.Skip(2 * FileRows).Take(3).ToList();
        (await reopened.ToListAsync(Expr.In("id", keys))).Should().HaveCount(3);
        reopenedStore.Opened.Should().Be(Files + 1, "the old files and the damaged one might hold any key");
        var merged = await reopened.MergeAsync(keys.Select(k => R(k, -5)), ["id"]);
        merged.RowsUpdated.Should().Be(3);

        (await reopened.BuildKeyIndexAsync()).Should().Be(Files, "nine old files and the damaged one; the merge's rewrite of the tenth has its filters");
        (await reopened.BuildKeyIndexAsync()).Should().Be(0, "every live file has its filters now");
        reopenedStore.Opened = 0;
        (await reopened.ToListAsync(Expr.In("id", keys))).Select(r => r["n"]).Should().Equal(-5L, -5L, -5L);
        reopenedStore.Opened.Should().Be(1, "the merged rows live in the one file the merge wrote");
    }

    [Fact]
    public async Task A_file_with_a_version_1_sidecar_has_no_index_until_the_index_is_built_again()
    {
        using var dir = new TempDirectory();
        var (table, _) = await SeedAsync(dir, "t", keyIndex: true);
        var sidecar = Path.Combine(dir.Path, "t", "_crmsync_index", table.Snapshot.Files[0].DecodedPath + ".bloom");
        var bytes = await File.ReadAllBytesAsync(sidecar);
        bytes[4] = 1; // the version byte after the magic: bloom filters, written before 2026-11-24
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        await File.WriteAllBytesAsync(sidecar, bytes);

        // Another store object, so this process has cached nothing for it.
        var store = new CountingStore(TestTables.Store(dir));
        var reopened = await DeltaTable.OpenAsync(store, "t");
        var absent = RandomKeys(new Random(11), 5).ToList();
        (await reopened.ToListAsync(Expr.In("id", absent))).Should().BeEmpty();
        store.Opened.Should().Be(1, "only the file with the version 1 sidecar might hold them");

        (await reopened.BuildKeyIndexAsync()).Should().Be(1);
        store.Opened = 0;
        (await reopened.ToListAsync(Expr.In("id", absent))).Should().BeEmpty();
        store.Opened.Should().Be(0, "its new sidecar holds its keys exactly");
    }

    [Fact]
    public async Task Vacuum_deletes_the_sidecars_of_deleted_data_files_and_orphaned_ones_and_keeps_the_live_ones()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (table, _) = await SeedAsync(dir, "t", keyIndex: true, options: new DeltaTableOptions { MaxRowsPerFile = FileRows, Clock = clock });
        var root = Path.Combine(dir.Path, "t");
        var replaced = table.Snapshot.Files.Select(f => f.DecodedPath).ToList();
        await table.OverwriteAsync(RandomKeys(new Random(13), 10).Select(k => R(k, 0)));
        var live = table.Snapshot.Files.Single().DecodedPath;
        // A sidecar whose data file another engine's vacuum already deleted.
        var orphan = Path.Combine(root, "_crmsync_index", "part-00000-gone-c000.snappy.parquet.bloom");
        await File.WriteAllTextAsync(orphan, "x");
        clock.Advance(TimeSpan.FromDays(8));
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, clock.GetUtcNow().UtcDateTime.AddDays(-8));

        var result = await table.VacuumAsync();

        result.Files.Should().BeEquivalentTo(replaced.Concat(replaced.Select(KeyIndexFile.PathFor))
            .Append(KeyIndexFile.PathFor("part-00000-gone-c000.snappy.parquet")));
        File.Exists(orphan).Should().BeFalse();
        File.Exists(Path.Combine(root, KeyIndexFile.PathFor(live))).Should().BeTrue();
        (await table.ToListAsync(Expr.In("id", RandomKeys(new Random(13), 2).ToList()))).Should().HaveCount(2, "the live file's sidecar still serves lookups");
    }

    [Fact]
    public async Task The_index_columns_are_checked_and_can_be_removed()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t",
            new StructType(new StructField("id", PrimitiveType.Long), new StructField("at", PrimitiveType.Timestamp), new StructField("p", PrimitiveType.String)),
            ["p"]);

        await FluentActions.Awaiting(() => table.SetKeyIndexColumnsAsync(["nope"])).Should().ThrowAsync<ArgumentException>().WithMessage("*'nope'*");
        await FluentActions.Awaiting(() => table.SetKeyIndexColumnsAsync(["at"])).Should().ThrowAsync<ArgumentException>().WithMessage("*'at' is timestamp*");
        await FluentActions.Awaiting(() => table.SetKeyIndexColumnsAsync(["p"])).Should().ThrowAsync<ArgumentException>().WithMessage("*partition column*");
        await FluentActions.Awaiting(() => DeltaTable.CreateAsync(TestTables.Store(dir), "u", Schema, configuration: new Dictionary<string, string> { [KeyIndexColumns.Property] = "id,nope" }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*'nope'*");

        (await table.SetKeyIndexColumnsAsync(["ID"])).Version.Should().Be(1);
        table.KeyIndexedColumns.Should().Equal("id");
        (await table.SetKeyIndexColumnsAsync(["id"])).AlreadyCommitted.Should().BeTrue("nothing changes");
        await table.AppendAsync([Row.Of(table.Schema, 1L, DateTimeOffset.UnixEpoch, "x")]);
        (await table.ToListAsync(Expr.Eq("id", 1))).Should().ContainSingle("an int literal on a long column hashes as the long");
        (await table.SetKeyIndexColumnsAsync([])).Version.Should().Be(3);
        table.Snapshot.Configuration.Should().NotContainKey(KeyIndexColumns.Property);
        (await table.ToListAsync(Expr.Eq("id", 1L))).Should().ContainSingle();
    }

    [Fact]
    public async Task Key_indexed_string_columns_are_written_uncompressed_and_every_other_column_with_the_table_codec()
    {
        using var dir = new TempDirectory();
        var (indexed, _) = await SeedAsync(dir, "indexed", keyIndex: true);
        var (plain, _) = await SeedAsync(dir, "plain", keyIndex: false);
        var numbers = new StructType(new StructField("id", PrimitiveType.Long, nullable: false), new StructField("s", PrimitiveType.String));
        var numbered = await DeltaTable.CreateAsync(TestTables.Store(dir), "numbered", numbers);
        await numbered.SetKeyIndexColumnsAsync(["id"]);
        await numbered.AppendAsync([Row.Of(numbers, 1L, "a"), Row.Of(numbers, 2L, "b")]);

        foreach (var file in indexed.Snapshot.Files)
            Codecs(dir, "indexed", file).Should().Equal(Compression.Uncompressed, Compression.Uncompressed, Compression.Zstd);
        Codecs(dir, "plain", plain.Snapshot.Files[0]).Should().AllBeEquivalentTo(Compression.Zstd, "no column is a lookup key");
        Codecs(dir, "numbered", numbered.Snapshot.Files.Single()).Should().AllBeEquivalentTo(Compression.Zstd, "only string keys are written plain");
        var lookup = Expr.In("id", Keys.Take(50));
        (await ContentAsync(indexed, lookup)).Should().HaveCount(50).And.Equal(await ContentAsync(plain, lookup));
    }

    /// <summary>The codec of each column of a data file's first row group.</summary>
    private static List<Compression> Codecs(TempDirectory dir, string table, AddFile file)
    {
        using var reader = new ParquetFileReader(Path.Combine(dir.Path, table, file.DecodedPath));
        using var metadata = reader.FileMetaData;
        using var rowGroup = reader.RowGroup(0);
        return [.. Enumerable.Range(0, metadata.NumColumns).Select(i => rowGroup.MetaData.GetColumnChunkMetaData(i).Compression)];
    }

    private static async Task<List<string>> ContentAsync(DeltaTable table, Expr? filter = null) =>
        (await table.ToListAsync(filter)).Select(r => $"{r["id"]}|{r["email"]}|{r["n"]}").Order(StringComparer.Ordinal).ToList();

    private static string[] RandomKeys(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => SplitBlockBloomFilterTests.RandomKey(random)).ToArray();
}
