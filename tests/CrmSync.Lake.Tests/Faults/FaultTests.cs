using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Lake.Tests.Faults;

public class FaultTests
{
    private sealed class SimulatedCrashException : Exception;

    [Fact]
    public async Task A_crash_between_data_files_and_commit_leaves_the_previous_version_and_vacuum_removes_the_orphans()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = TestTables.Store(dir);
        var table = await DeltaTable.CreateAsync(store, "t", TestTables.ContactSchema, ["country"], null, new DeltaTableOptions { Clock = clock });
        await table.AppendAsync(TestTables.Contacts(0, 10));
        var crashing = await DeltaTable.OpenAsync(store, "t", new DeltaTableOptions
        {
            Clock = clock,
            BeforeCommit = (_, _) => throw new SimulatedCrashException(),
        });

        var act = () => crashing.AppendAsync(TestTables.Contacts(100, 10, "FR"));
        await act.Should().ThrowAsync<SimulatedCrashException>();

        var orphan = Directory.GetFiles(Path.Combine(dir.Path, "t", "country=FR"), "*.parquet").Should().ContainSingle().Subject;
        var reopened = await DeltaTable.OpenAsync(store, "t", new DeltaTableOptions { Clock = clock });
        reopened.Version.Should().Be(1);
        (await reopened.CountAsync()).Should().Be(10);

        var recent = await reopened.VacuumAsync(TimeSpan.FromHours(1), allowShortRetention: true);
        recent.Files.Should().BeEmpty("the orphan may still belong to a write in flight");

        clock.Advance(TimeSpan.FromHours(2));
        var vacuum = await reopened.VacuumAsync(TimeSpan.FromHours(1), allowShortRetention: true);
        vacuum.Files.Should().ContainSingle().Which.Should().StartWith("country=FR/");
        File.Exists(orphan).Should().BeFalse();
        (await reopened.CountAsync()).Should().Be(10);

        var rerun = await DeltaTable.OpenAsync(store, "t");
        (await rerun.AppendAsync(TestTables.Contacts(100, 10, "FR"))).Version.Should().Be(2);
        (await rerun.CountAsync()).Should().Be(20);
    }

    [Fact]
    public async Task A_truncated_commit_fails_naming_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        var commit = Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000001.json");
        var text = await File.ReadAllTextAsync(commit);
        await File.WriteAllTextAsync(commit, text[..(text.Length - 40)]);

        var act = () => DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        var error = (await act.Should().ThrowAsync<DeltaLogCorruptException>()).Which;
        error.FilePath.Should().Be("t/_delta_log/00000000000000000001.json");
        error.Message.Should().Contain("00000000000000000001.json").And.Contain("line 2").And.Contain("invalid JSON");
    }

    [Fact]
    public async Task A_commit_with_a_malformed_action_fails_naming_the_file()
    {
        using var dir = new TempDirectory();
        await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000001.json"), "{\"add\":{\"size\":12}}\n");

        var act = () => DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        (await act.Should().ThrowAsync<DeltaLogCorruptException>()).WithMessage("*00000000000000000001.json*line 1*'path' is missing*");
    }

    [Fact]
    public async Task A_missing_data_file_fails_naming_it()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        var file = table.Snapshot.Files.Single();
        File.Delete(Path.Combine(dir.Path, "t", file.DecodedPath));

        var act = () => table.ToListAsync();

        var error = (await act.Should().ThrowAsync<DeltaFileNotFoundException>()).Which;
        error.FilePath.Should().Be("t/" + file.DecodedPath);
        error.Message.Should().Contain(file.DecodedPath);
    }

    [Fact]
    public async Task A_corrupt_data_file_fails_naming_it()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        var file = table.Snapshot.Files.Single();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "t", file.DecodedPath), "not parquet at all");

        var act = () => table.ToListAsync();

        (await act.Should().ThrowAsync<DeltaDataFileCorruptException>()).Which.FilePath.Should().Be("t/" + file.DecodedPath);
    }

    [Fact]
    public async Task Last_checkpoint_pointing_to_a_missing_checkpoint_fails_naming_the_file()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        await table.CheckpointAsync();
        File.Delete(Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000001.checkpoint.parquet"));

        var act = () => DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        (await act.Should().ThrowAsync<DeltaFileNotFoundException>())
            .Which.FilePath.Should().Be("t/_delta_log/00000000000000000001.checkpoint.parquet");
    }

    [Fact]
    public async Task A_corrupt_checkpoint_fails_naming_it()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        await table.CheckpointAsync();
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "t", "_delta_log", "00000000000000000001.checkpoint.parquet"), [1, 2, 3]);

        var act = () => DeltaTable.OpenAsync(TestTables.Store(dir), "t");

        (await act.Should().ThrowAsync<DeltaLogCorruptException>()).WithMessage("*00000000000000000001.checkpoint.parquet*");
    }
}
