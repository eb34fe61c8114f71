using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Concurrency;

public class ConcurrencyTests
{
    private static Task<DeltaTable> OpenAsync(TempDirectory dir, Func<long, CancellationToken, Task>? beforeCommit = null) =>
        DeltaTable.OpenAsync(TestTables.Store(dir), "t", new DeltaTableOptions { BeforeCommit = beforeCommit, AutoCheckpoint = false });

    private static async Task CreateAsync(TempDirectory dir, int rows = 0)
    {
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, null,
            new DeltaTableOptions { MaxRowsPerFile = 100, AutoCheckpoint = false });
        if (rows > 0)
            await table.AppendAsync(TestTables.Contacts(0, rows));
    }

    [Fact]
    public async Task Two_threads_appending_lose_nothing_and_never_write_a_version_twice()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        const int commitsEach = 15;
        async Task<List<long>> Writer(long firstId)
        {
            var table = await OpenAsync(dir);
            var versions = new List<long>();
            for (var i = 0; i < commitsEach; i++)
                versions.Add((await table.AppendAsync([TestTables.Contact(firstId + i)])).Version);
            return versions;
        }

        var results = await Task.WhenAll(Task.Run(() => Writer(0)), Task.Run(() => Writer(1000)));

        results.SelectMany(v => v).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(1, 2 * commitsEach).Select(v => (long)v));
        var final = await OpenAsync(dir);
        final.Version.Should().Be(2 * commitsEach);
        (await TestTables.IdsAsync(final)).Should().Equal(
            [.. Enumerable.Range(0, commitsEach).Select(i => (long)i), .. Enumerable.Range(1000, commitsEach).Select(i => (long)i)]);
    }

    [Fact]
    public async Task Two_processes_appending_lose_nothing_and_never_write_a_version_twice()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        const int commitsEach = 10;
        var writer = Path.Combine(AppContext.BaseDirectory, "CrmSync.Lake.Tests.Writer.dll");
        File.Exists(writer).Should().BeTrue("the writer tool is built next to the tests");

        var other = Task.Run(() => RunWriterProcess(writer, dir.Path, 5000, commitsEach));
        var table = await OpenAsync(dir);
        var mine = new List<long>();
        for (var i = 0; i < commitsEach; i++)
            mine.Add((await table.AppendAsync([TestTables.Contact(i)])).Version);
        var theirs = await other;

        mine.Concat(theirs).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(1, 2 * commitsEach).Select(v => (long)v));
        var final = await OpenAsync(dir);
        (await TestTables.IdsAsync(final)).Should().Equal(
            [.. Enumerable.Range(0, commitsEach).Select(i => (long)i), .. Enumerable.Range(5000, commitsEach).Select(i => (long)i)]);
    }

    private static async Task<List<long>> RunWriterProcess(string writerDll, string root, long firstId, int commits)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { writerDll, root, "t", firstId.ToString(CultureInfo.InvariantCulture), commits.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToList();
    }

    [Fact]
    public async Task A_blind_append_that_loses_the_race_retries_at_the_next_version()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        var other = await OpenAsync(dir);
        var raced = false;
        var table = await OpenAsync(dir, async (version, ct) =>
        {
            if (raced)
                return;
            raced = true;
            await other.AppendAsync([TestTables.Contact(99)], cancellationToken: ct);
        });

        var result = await table.AppendAsync([TestTables.Contact(1)]);

        result.Version.Should().Be(2);
        (await TestTables.IdsAsync(table)).Should().Equal(1, 99);
    }

    [Fact]
    public async Task Merges_rewriting_the_same_file_conflict_and_the_loser_names_the_file()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir, rows: 100);
        var other = await OpenAsync(dir);
        var table = await OpenAsync(dir, async (version, ct) =>
        {
            if (version == 2)
                await other.MergeAsync([TestTables.Contact(5, "theirs")], ["id"], cancellationToken: ct);
        });

        var act = () => table.MergeAsync([TestTables.Contact(6, "mine")], ["id"]);

        var error = (await act.Should().ThrowAsync<DeltaConcurrencyException>()).Which;
        error.Kind.Should().Be(ConflictKind.FileRemovedConcurrently);
        error.WinningVersion.Should().Be(2);
        error.Message.Should().Contain("part-00000-").And.Contain("removed concurrently");
        (await (await OpenAsync(dir)).ToListAsync(Expr.Eq("id", 5L))).Single()["name"].Should().Be("theirs");
    }

    [Fact]
    public async Task A_merge_conflicts_with_a_concurrent_append_that_may_hold_its_keys()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir, rows: 10);
        var other = await OpenAsync(dir);
        var table = await OpenAsync(dir, async (version, ct) =>
        {
            if (version == 2)
                await other.AppendAsync([TestTables.Contact(500)], cancellationToken: ct);
        });

        var act = () => table.MergeAsync([TestTables.Contact(500, "dup")], ["id"]);

        (await act.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.ConcurrentAppendMatchesRead);
    }

    [Fact]
    public async Task Same_txn_app_committing_concurrently_is_a_conflict()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        var other = await OpenAsync(dir);
        var table = await OpenAsync(dir, async (version, ct) =>
        {
            if (version == 1)
                await other.AppendAsync([TestTables.Contact(2)], new WriteOptions { Txn = new TransactionId("app", 1) }, ct);
        });

        var act = () => table.AppendAsync([TestTables.Contact(1)], new WriteOptions { Txn = new TransactionId("app", 1) });

        (await act.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.TransactionConflict);
        (await TestTables.IdsAsync(await OpenAsync(dir))).Should().Equal(2);
    }

    [Fact]
    public async Task A_concurrent_metadata_change_is_a_conflict()
    {
        using var dir = new TempDirectory();
        await CreateAsync(dir);
        var store = TestTables.Store(dir);
        var table = await OpenAsync(dir, async (version, ct) =>
        {
            if (version != 1)
                return;
            var snapshot = (await OpenAsync(dir)).Snapshot;
            var changed = snapshot.Metadata with { Configuration = new Dictionary<string, string?> { ["delta.appendOnly"] = "false" } };
            var line = ActionJson.Serialize(changed) + "\n";
            (await store.PutIfAbsentAsync("t/_delta_log/00000000000000000001.json", Encoding.UTF8.GetBytes(line), ct)).Should().BeTrue();
        });

        var act = () => table.AppendAsync([TestTables.Contact(1)]);

        (await act.Should().ThrowAsync<DeltaConcurrencyException>()).Which.Kind.Should().Be(ConflictKind.MetadataChanged);
    }

    [Fact]
    public async Task Put_if_absent_lets_exactly_one_of_many_racing_threads_win()
    {
        using var dir = new TempDirectory();
        var store = new LocalFileSystemStore(dir.Path);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.PutIfAbsentAsync("log/00000000000000000001.json", Encoding.UTF8.GetBytes("writer " + i)))));

        results.Count(r => r).Should().Be(1);
        var content = Encoding.UTF8.GetString(await store.ReadAllAsync("log/00000000000000000001.json"));
        content.Should().Be("writer " + Array.IndexOf(results, true));
        Directory.GetFiles(Path.Combine(dir.Path, "log")).Should().ContainSingle("no temp file is left behind");
    }
}
