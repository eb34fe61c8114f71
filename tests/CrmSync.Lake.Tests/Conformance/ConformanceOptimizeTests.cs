using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Conformance;

/// <summary>OPTIMIZE of a copy of every Spark-written table: the same rows after, one file per partition, a second run commits
/// nothing, the version before still reads the old files; tables this engine may not write are refused unchanged.</summary>
public class ConformanceOptimizeTests
{
    public static TheoryData<string> Tables() => ConformanceTests.Tables();

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Optimize_of_a_copy_keeps_every_row_and_leaves_one_file_per_partition(string name)
    {
        using var dir = new TempDirectory();
        CopyDirectory(Path.Combine(SharedPaths.ConformanceRoot, "tables", name), Path.Combine(dir.Path, name));
        var store = new LocalFileSystemStore(dir.Path);
        DeltaTable table;
        try
        {
            table = await DeltaTable.OpenAsync(store, name);
            TableFeatures.EnsureWritable(table.Snapshot.Protocol, table.Snapshot.Metadata, name);
        }
        catch (UnsupportedTableFeatureException refused)
        {
            var optimize = async () => await (await DeltaTable.OpenAsync(store, name)).OptimizeAsync();
            (await optimize.Should().ThrowAsync<UnsupportedTableFeatureException>()).Which.Feature.Should().Be(refused.Feature);
            return;
        }

        var version = table.Version;
        var before = await RowsAsync(table);
        var partitionsWithSeveralFiles = table.Snapshot.Files.GroupBy(f => string.Join("/", f.PartitionValues.OrderBy(kv => kv.Key).Select(kv => kv.Value)))
            .Count(g => g.Count() > 1);

        var result = await table.OptimizeAsync();

        (await RowsAsync(table)).Should().Equal(before);
        (await RowsAsync(await DeltaTable.OpenAsync(store, name))).Should().Equal(before);
        table.Snapshot.Files.GroupBy(f => string.Join("/", f.PartitionValues.OrderBy(kv => kv.Key).Select(kv => kv.Value)))
            .Should().OnlyContain(g => g.Count() == 1, "every file of these tables is far below the target size");
        table.Snapshot.Files.Should().OnlyContain(f => f.DeletionVector == null);
        result.PartitionsOptimized.Should().BeGreaterThanOrEqualTo(partitionsWithSeveralFiles);
        (await table.OptimizeAsync()).Committed.Should().BeFalse();
        (await RowsAsync(await DeltaTable.OpenAtVersionAsync(store, name, version))).Should().Equal(before);
    }

    private static async Task<List<string>> RowsAsync(DeltaTable table) =>
        [.. (await table.ToListAsync()).Select(r => ValueRenderer.Canonical(ValueRenderer.RenderRow(r))).Order(StringComparer.Ordinal)];

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }
}
