using CrmSync.Lake.Expressions;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Lake.Tests.Operations;

public class VacuumTests
{
    [Fact]
    public async Task Vacuum_keeps_live_files_and_recent_tombstones_and_deletes_expired_ones()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new DeltaTableOptions { Clock = clock };
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, null, options);
        await table.AppendAsync(TestTables.Contacts(0, 5));
        var original = table.Snapshot.Files.Single().DecodedPath;
        clock.Advance(TimeSpan.FromDays(1));
        await table.OverwriteAsync(TestTables.Contacts(10, 5));
        var live = table.Snapshot.Files.Single().DecodedPath;

        var tooShort = () => table.VacuumAsync(TimeSpan.FromHours(1));
        await tooShort.Should().ThrowAsync<ArgumentException>().WithMessage("*shorter than the safe minimum*allowShortRetention*");

        clock.Advance(TimeSpan.FromDays(3));
        (await table.VacuumAsync()).Files.Should().BeEmpty("the overwritten file was removed 3 days ago, within the 7-day default");
        (await (await DeltaTable.OpenAtVersionAsync(TestTables.Store(dir), "t", 1)).CountAsync()).Should().Be(5);

        clock.Advance(TimeSpan.FromDays(5));
        var dry = await table.VacuumAsync(dryRun: true);
        dry.Files.Should().Equal(original);
        dry.Bytes.Should().BeGreaterThan(0);
        File.Exists(Path.Combine(dir.Path, "t", original)).Should().BeTrue("a dry run deletes nothing");

        var done = await table.VacuumAsync();
        done.Files.Should().Equal(original);
        File.Exists(Path.Combine(dir.Path, "t", original)).Should().BeFalse();
        File.Exists(Path.Combine(dir.Path, "t", live)).Should().BeTrue();
        (await table.CountAsync()).Should().Be(5);
        Directory.GetFiles(Path.Combine(dir.Path, "t", "_delta_log")).Should().HaveCount(3, "the log is never vacuumed");
    }

    [Fact]
    public async Task Orphans_older_than_the_retention_are_deleted_and_hidden_files_never()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, ["country"], null,
            new DeltaTableOptions { Clock = clock });
        await table.AppendAsync(TestTables.Contacts(0, 5));
        var root = Path.Combine(dir.Path, "t");
        var oldOrphan = Path.Combine(root, "country=DE", "part-00000-old-c000.snappy.parquet");
        var newOrphan = Path.Combine(root, "country=DE", "part-00000-new-c000.snappy.parquet");
        var hidden = Path.Combine(root, "country=DE", ".part-00000-old.crc");
        foreach (var file in new[] { oldOrphan, newOrphan, hidden })
            await File.WriteAllTextAsync(file, "x");
        File.SetLastWriteTimeUtc(oldOrphan, clock.GetUtcNow().UtcDateTime.AddDays(-8));
        File.SetLastWriteTimeUtc(hidden, clock.GetUtcNow().UtcDateTime.AddDays(-8));
        foreach (var live in table.Snapshot.Files)
            File.SetLastWriteTimeUtc(Path.Combine(root, live.DecodedPath), clock.GetUtcNow().UtcDateTime.AddDays(-30));

        var result = await table.VacuumAsync();

        result.Files.Should().Equal("country=DE/part-00000-old-c000.snappy.parquet");
        File.Exists(newOrphan).Should().BeTrue();
        File.Exists(hidden).Should().BeTrue();
        (await table.CountAsync(Expr.Eq("country", "DE"))).Should().Be(5);
    }
}
