using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Merged tables with random keys carry a key index (bloom filter sidecars per data file) on their merge keys and
/// lookup columns; setup gives it to tables made without it, including filters for the files they already hold.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class KeyIndexSetupTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Setup_indexes_the_key_columns_and_fills_in_filters_for_a_table_made_without_them()
    {
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        _harness.Dynamics.Create(People.Dynamics("grace@example.com", "Grace", "Hopper"));
        await _harness.SyncAsync();
        var pipeline = await _harness.PipelineAsync();
        foreach (var table in TableNames.All)
        {
            (await pipeline.Catalog.OpenAsync(table, CancellationToken.None)).KeyIndexedColumns.Should().Equal(KeyIndexes.Of(table), table);
        }

        var crosswalk = await pipeline.Catalog.OpenAsync(TableNames.Crosswalk, CancellationToken.None);
        await crosswalk.SetKeyIndexColumnsAsync([]);
        var indexFolder = Path.Combine(_harness.LakeRoot, TableNames.RelativePath(TableNames.Crosswalk), "_crmsync_index");
        Directory.Delete(indexFolder, recursive: true);

        var setup = await pipeline.RunStageAsync(StageNames.Setup, new StageOptions());
        setup.Succeeded.Should().BeTrue(setup.Error);
        setup.Updated.Should().Be(1, "only the crosswalk lacked its index");
        (await pipeline.Catalog.OpenAsync(TableNames.Crosswalk, CancellationToken.None)).KeyIndexedColumns.Should().Equal(KeyIndexes.Of(TableNames.Crosswalk));
        Directory.EnumerateFiles(indexFolder, "*", SearchOption.AllDirectories).Should().NotBeEmpty("the files written before get their filters");
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Updated.Should().Be(0, "setup is idempotent");

        _harness.HubSpot.Create(People.HubSpot("alan@example.com", "Alan", "Turing"));
        await _harness.SyncAsync();
        var unified = await _harness.ReadAsync(TableNames.Unified);
        unified.Should().HaveCount(3, "the indexed tables sync as before");
        _harness.Dynamics.GetAll().Should().Contain(c => (string?)c["emailaddress1"] == "alan@example.com", "Alan was created in Dynamics");
    }
}
