using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Merged tables carry deletion vectors (lake.deletion_vectors, on by default) so a merge rewrites no file;
/// append-only tables do not need them. A lake made with them off is upgraded by setup once they are turned on.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class DeletionVectorSetupTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Setup_gives_merged_tables_deletion_vectors_and_upgrades_a_lake_made_without_them()
    {
        var sourcesPath = Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.SourcesFile);
        var withVectors = await File.ReadAllTextAsync(sourcesPath);
        await File.WriteAllTextAsync(sourcesPath, withVectors.Replace("  root: ./lake-from-file", "  root: ./lake-from-file\n  deletion_vectors: false", StringComparison.Ordinal));
        var plain = await _harness.PipelineAsync();
        (await plain.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        foreach (var table in TableNames.All)
        {
            (await plain.Catalog.OpenAsync(table, CancellationToken.None)).DeletionVectorsEnabled.Should().BeFalse(table);
        }

        await File.WriteAllTextAsync(sourcesPath, withVectors);
        var upgraded = await _harness.PipelineAsync();
        var setup = await upgraded.RunStageAsync(StageNames.Setup, new StageOptions());
        setup.Succeeded.Should().BeTrue(setup.Error);
        setup.Updated.Should().Be(TableNames.All.Count - TableNames.AppendOnly.Count);
        foreach (var table in TableNames.All)
        {
            (await upgraded.Catalog.OpenAsync(table, CancellationToken.None)).DeletionVectorsEnabled.Should().Be(!TableNames.AppendOnly.Contains(table), table);
        }

        (await upgraded.RunStageAsync(StageNames.Setup, new StageOptions())).Updated.Should().Be(0, "setup is idempotent");

        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        _harness.Dynamics.Create(People.Dynamics("ada@example.com", "Ada", "Byron"));
        await _harness.SyncAsync();
        (await _harness.ReadAsync(TableNames.Unified)).Should().ContainSingle("the upgraded lake syncs as before");
    }
}
