using System.Globalization;
using System.Text;
using CrmSync.Lake;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>The optimize stage: compacts the tables incremental runs fragment, keeps every row, leaves later runs
/// unaffected, runs by itself in `run` past lake.optimize_after_files, and holds the run lock.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class OptimizeStageTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;
    private readonly List<long> _hubspotIds = [];

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        foreach (var (email, first) in new[] { ("ada@example.com", "Ada"), ("grace@example.com", "Grace"), ("alan@example.com", "Alan") })
            _hubspotIds.Add(_harness.HubSpot.Create(People.HubSpot(email, first, "Tester", city: "Paris")).Id);
        _harness.Dynamics.Create(People.Dynamics("ada@example.com", "Ada", "Tester", city: "Paris"));
        _harness.Dynamics.Create(People.Dynamics("edsger@example.com", "Edsger", "Tester"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Optimize_after_incremental_runs_compacts_the_tables_keeps_every_row_and_later_runs_sync_as_before()
    {
        SetOptimizeAfterFiles(0);
        await SyncWithEditsAsync(runs: 4);
        var filesBefore = await FileCountsAsync();
        var contentBefore = await ContentAsync();
        filesBefore[TableNames.Unified].Should().BeGreaterThan(2, "every incremental run merged into it");

        var result = await (await _harness.PipelineAsync()).RunStageAsync(StageNames.Optimize, new StageOptions { OptimizeMinFiles = 2 });

        result.Succeeded.Should().BeTrue(result.Error);
        var filesAfter = await FileCountsAsync();
        filesAfter[TableNames.Unified].Should().Be(1);
        filesAfter[TableNames.Crosswalk].Should().Be(1);
        filesAfter.Values.Sum().Should().BeLessThan(filesBefore.Values.Sum());
        result.Created.Should().BeGreaterThan(0);
        result.Read.Should().BeGreaterThan(result.Created, "read counts the files compacted, created the files written");
        (await ContentAsync()).Should().BeEquivalentTo(contentBefore, "compaction changes files, never rows");
        (await HistoryAsync(TableNames.Unified))[0].Operation.Should().Be("OPTIMIZE");

        _harness.HubSpot.Update(_hubspotIds[0], new Dictionary<string, string?> { ["city"] = "Zurich" });
        await _harness.SyncAsync();
        _harness.Dynamics.GetAll().Single(c => (string?)c["emailaddress1"] == "ada@example.com")["address1_city"].Should().Be("Zurich");
        var settled = await ContentAsync();
        await _harness.SyncAsync();
        (await ContentAsync())[TableNames.Scd2].Should().BeEquivalentTo(settled[TableNames.Scd2], "a run without changes opens no version");
        (await ContentAsync())[TableNames.HubSpotOutbox].Should().HaveCount(settled[TableNames.HubSpotOutbox].Count);
        (await ContentAsync())[TableNames.DynamicsOutbox].Should().HaveCount(settled[TableNames.DynamicsOutbox].Count);
    }

    [Fact]
    public async Task Run_compacts_fragmented_tables_by_itself_and_never_with_optimize_after_files_zero()
    {
        SetOptimizeAfterFiles(3);
        await SyncWithEditsAsync(runs: 3);

        var history = await HistoryAsync(TableNames.Unified);
        history.Should().Contain(h => h.Operation == "OPTIMIZE" && h.UserMetadata!.Contains("run_id", StringComparison.Ordinal));
        (await FileCountsAsync())[TableNames.Unified].Should().BeLessThan(3);
        _harness.Logs.Lines.Should().Contain(l => l.Contains("Compacted silver.contacts_unified", StringComparison.Ordinal));

        SetOptimizeAfterFiles(0);
        var optimizeCommits = history.Count(h => h.Operation == "OPTIMIZE");
        await SyncWithEditsAsync(runs: 3, firstSync: false);
        (await HistoryAsync(TableNames.Unified)).Count(h => h.Operation == "OPTIMIZE").Should().Be(optimizeCommits);
        _harness.Logs.Lines.Should().Contain(l => l.Contains("Compaction is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_compacts_nothing_and_reports_what_it_would_compact()
    {
        SetOptimizeAfterFiles(0);
        await SyncWithEditsAsync(runs: 2);
        var filesBefore = await FileCountsAsync();

        var result = await (await _harness.PipelineAsync()).RunStageAsync(StageNames.Optimize, new StageOptions { OptimizeMinFiles = 2, DryRun = true });

        result.Succeeded.Should().BeTrue(result.Error);
        result.Read.Should().BeGreaterThan(0);
        result.Created.Should().Be(0);
        (await FileCountsAsync()).Should().Equal(filesBefore);
        _harness.Logs.Lines.Should().Contain(l => l.Contains("Would compact silver.contacts_unified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stage_holds_the_run_lock_while_it_commits_and_is_refused_while_another_invocation_holds_it()
    {
        SetOptimizeAfterFiles(0);
        await SyncWithEditsAsync(runs: 2);
        var holders = new List<string>();
        SyncPipeline? pipeline = null;
        var store = new CommitObservingStore(new LocalFileSystemStore(_harness.LakeRoot), "\"operation\":\"OPTIMIZE\"",
            () => holders.Add(pipeline!.RunLock.ReadAsync(CancellationToken.None).GetAwaiter().GetResult()?.Owner.Stage ?? "nobody"));
        pipeline = new SyncPipeline(await _harness.LoadSettingsAsync(), new PipelineHost { Clock = _harness.Clock, Store = store });
        var filesBefore = await FileCountsAsync();

        await using (await pipeline.RunLock.AcquireAsync(new RunLockOwner("cron-box", 4242, "run-other", StageNames.PushHubSpot), CancellationToken.None))
        {
            var refused = () => pipeline.RunStageAsync(StageNames.Optimize, new StageOptions { OptimizeMinFiles = 2 });
            await refused.Should().ThrowAsync<RunLockedException>();
        }

        holders.Should().BeEmpty();
        (await FileCountsAsync()).Should().Equal(filesBefore, "a refused invocation compacts nothing");
        (await pipeline.RunStageAsync(StageNames.Optimize, new StageOptions { OptimizeMinFiles = 2 })).Succeeded.Should().BeTrue();
        holders.Should().NotBeEmpty().And.OnlyContain(stage => stage == StageNames.Optimize);
        (await pipeline.RunLock.ReadAsync(CancellationToken.None))!.ReleasedAt.Should().NotBeNull("the lock is given back after the stage");
    }

    /// <summary>A full sync, then incremental runs that each change one HubSpot contact's city.</summary>
    private async Task SyncWithEditsAsync(int runs, bool firstSync = true)
    {
        if (firstSync)
            await _harness.SyncAsync();
        for (var run = 0; run < runs; run++)
        {
            _harness.HubSpot.Update(_hubspotIds[run % _hubspotIds.Count],
                new Dictionary<string, string?> { ["city"] = "City " + Guid.NewGuid().ToString("N")[..6] });
            await _harness.SyncAsync();
        }
    }

    private void SetOptimizeAfterFiles(int files)
    {
        var path = Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.SourcesFile);
        var lines = File.ReadAllLines(path).Where(l => !l.Contains("optimize_after_files", StringComparison.Ordinal)).ToList();
        var root = lines.FindIndex(l => l.StartsWith("  root: ", StringComparison.Ordinal));
        lines.Insert(root + 1, string.Create(CultureInfo.InvariantCulture, $"  optimize_after_files: {files}"));
        File.WriteAllLines(path, lines);
    }

    private async Task<Dictionary<string, int>> FileCountsAsync()
    {
        var catalog = (await _harness.PipelineAsync()).Catalog;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in TableNames.All)
            counts[table] = (await catalog.OpenAsync(table, CancellationToken.None)).Snapshot.Files.Count;
        return counts;
    }

    private async Task<IReadOnlyList<CrmSync.Lake.Operations.HistoryEntry>> HistoryAsync(string table) =>
        await (await (await _harness.PipelineAsync()).Catalog.OpenAsync(table, CancellationToken.None)).HistoryAsync();

    /// <summary>Every table's rows as sorted text, except meta.sync_runs, which records the stages themselves.</summary>
    private async Task<Dictionary<string, List<string>>> ContentAsync()
    {
        var content = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in TableNames.All.Where(t => t != TableNames.SyncRuns))
            content[table] = [.. (await _harness.ReadAsync(table)).Select(Render).Order(StringComparer.Ordinal)];
        return content;
    }

    private static string Render(Row row)
    {
        var text = new StringBuilder();
        for (var i = 0; i < row.Count; i++)
            text.Append(row.Schema[i].Name).Append('=').Append(Render(row[i])).Append(';');
        return text.ToString();
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<KeyValuePair<object, object?>> map => "{" + string.Join(",", map.Select(kv => Render(kv.Key) + ":" + Render(kv.Value)).Order(StringComparer.Ordinal)) + "}",
        IReadOnlyList<object?> list => "[" + string.Join(",", list.Select(Render)) + "]",
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Calls <paramref name="onCommit"/> before each Delta commit whose content holds <paramref name="marker"/> is written.</summary>
    private sealed class CommitObservingStore(IObjectStore inner, string marker, Action onCommit) : IObjectStore
    {
        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            if (key.Contains("/_delta_log/", StringComparison.Ordinal) && Encoding.UTF8.GetString(content.Span).Contains(marker, StringComparison.Ordinal))
                onCommit();
            return inner.PutIfAbsentAsync(key, content, cancellationToken);
        }

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default) => inner.StatAsync(key, cancellationToken);

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

        public Task<LocalFileLease> OpenLocalFileAsync(string key, CancellationToken cancellationToken = default) => inner.OpenLocalFileAsync(key, cancellationToken);

        public Task<byte[]> ReadAllAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAllAsync(key, cancellationToken);

        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<LocalFileDraft> CreateLocalFileAsync(string key, CancellationToken cancellationToken = default) => inner.CreateLocalFileAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
    }
}
