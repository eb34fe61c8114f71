using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>lake.compression sets the codec of the data files the stages write; a change applies to new files, and a
/// table holding both codecs reads as one.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class CompressionSettingTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Stages_write_the_configured_codec_and_a_table_with_two_codecs_reads_whole()
    {
        var hs = _harness.HubSpot.Create(People.HubSpot("ann@example.com", "Ann", "Lee"));
        _harness.Dynamics.Create(People.Dynamics("ann@example.com", "Ann", "Lee"));
        SetCompression("snappy");
        await _harness.SyncAsync();
        DataFiles().Should().NotBeEmpty().And.OnlyContain(f => f.EndsWith(".snappy.parquet", StringComparison.Ordinal));

        SetCompression("zstd");
        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["firstname"] = "Annie" });
        await _harness.SyncAsync();

        DataFiles().Should().Contain(f => f.EndsWith(".zstd.parquet", StringComparison.Ordinal))
            .And.OnlyContain(f => f.EndsWith(".zstd.parquet", StringComparison.Ordinal) || f.EndsWith(".snappy.parquet", StringComparison.Ordinal));
        (await _harness.ReadAsync(TableNames.Unified)).Should().ContainSingle().Which["first_name"].Should().Be("Annie");
        (await _harness.ReadAsync(TableNames.HubSpotSnapshot)).Should().ContainSingle();
    }

    private void SetCompression(string codec)
    {
        var path = Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.SourcesFile);
        var lines = File.ReadAllLines(path).Where(l => !l.TrimStart().StartsWith("compression:", StringComparison.Ordinal)).ToList();
        lines.Insert(lines.FindIndex(l => l == "lake:") + 1, $"  compression: {codec}");
        File.WriteAllLines(path, lines);
    }

    private List<string> DataFiles() => [.. Directory.EnumerateFiles(_harness.LakeRoot, "*.parquet", SearchOption.AllDirectories)
        .Where(f => !f.Contains("_delta_log", StringComparison.Ordinal))];
}
