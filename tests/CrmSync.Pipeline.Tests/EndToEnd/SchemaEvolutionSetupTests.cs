using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>setup brings an existing lake up to the configured schema: a field added to field_mappings.yaml becomes a
/// nullable column at the end of every table that carries it; changes it cannot make safely are refused by name.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class SchemaEvolutionSetupTests : IAsyncLifetime
{
    private const string CityMapping = """
          - name: city
            type: string
            hubspot: city
            dynamics: address1_city

        """;

    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string MappingsPath => Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.MappingsFile);

    [Fact]
    public async Task A_field_added_to_the_mappings_becomes_a_column_of_an_existing_lake_and_the_run_fills_it()
    {
        var withCity = await File.ReadAllTextAsync(MappingsPath);
        withCity.Should().Contain(CityMapping);
        await File.WriteAllTextAsync(MappingsPath, withCity.Replace(CityMapping, "", StringComparison.Ordinal));
        var hs = _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace", city: "London"));
        var d = _harness.Dynamics.Create(People.Dynamics("ada@example.com", "Ada", "Lovelace"));
        _harness.HubSpot.Create(People.HubSpot("bob@example.com", "Bob", "Byron", city: "Berlin"));
        await _harness.SyncAsync();
        (await _harness.ReadAsync(TableNames.Unified)).First().Schema.TryIndexOf("city").Should().Be(-1, "the lake was made without the field");
        _harness.Dynamics.Get(d.ContactId)!["address1_city"].Should().BeNull("an unmapped field is not synced");

        await File.WriteAllTextAsync(MappingsPath, withCity);
        var pipeline = await _harness.PipelineAsync();
        var setup = await pipeline.RunStageAsync(StageNames.Setup, new StageOptions());

        setup.Succeeded.Should().BeTrue(setup.Error);
        var widened = new[] { TableNames.Raw(SourceSystem.HubSpot), TableNames.Snapshot(SourceSystem.HubSpot), TableNames.Unified, TableNames.Scd2 };
        foreach (var table in widened)
        {
            var handle = await pipeline.Catalog.OpenAsync(table, CancellationToken.None);
            handle.Schema.Fields[^1].Should().Be(new StructField("city", PrimitiveType.String), $"{table} gets the column at the end");
            (await handle.HistoryAsync(1))[0].Operation.Should().Be("ADD COLUMNS");
            (await handle.ToListAsync()).Should().NotBeEmpty().And.OnlyContain(r => r["city"] == null, "rows written before read null");
        }

        (await pipeline.Catalog.OpenAsync(TableNames.Raw(SourceSystem.Dynamics), CancellationToken.None)).Schema.Fields[^1].Name.Should().Be("address1_city");
        setup.Updated.Should().Be(6, "both raw tables, both snapshots, unified and scd2");
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Updated.Should().Be(0, "setup is idempotent");

        _harness.HubSpot.Update(hs.Id, new Dictionary<string, string?> { ["city"] = "Paris" });
        await _harness.SyncAsync();

        _harness.Dynamics.Get(d.ContactId)!["address1_city"].Should().Be("Paris", "the run after the upgrade syncs the new field");
        var unified = (await _harness.ReadAsync(TableNames.Unified)).ToDictionary(r => (string)r["email"]!);
        unified["ada@example.com"]["city"].Should().Be("Paris");
        (await _harness.ReadAsync(TableNames.Scd2)).Where(r => (bool)r["is_current"]! && (string)r["email"]! == "ada@example.com")
            .Single()["city"].Should().Be("Paris");

        await _harness.SyncAsync(new StageOptions { Full = true });
        (await _harness.ReadAsync(TableNames.Unified)).Single(r => (string)r["email"]! == "bob@example.com")["city"].Should().Be("Berlin",
            "a record read again after the upgrade (here --full) fills the new field");
        _harness.Dynamics.GetAll().Single(c => (string?)c["emailaddress1"] == "bob@example.com")["address1_city"].Should().Be("Berlin");
    }

    [Fact]
    public async Task Changes_setup_cannot_make_safely_fail_it_naming_table_and_column_before_any_table_is_changed()
    {
        var pipeline = await _harness.PipelineAsync();
        var schemas = pipeline.Catalog.Schemas;
        var store = pipeline.Catalog.Store;
        // A lake whose tables an older or foreign writer made: a changed type, a missing required column, other
        // partitioning, and a missing nullable column (which setup would add, but not while anything is refused).
        await CreateAsync(store, TableNames.Watermarks, Replace(schemas[TableNames.Watermarks], new StructField("cursor", PrimitiveType.Long)));
        await CreateAsync(store, TableNames.DeadLetter, Without(schemas[TableNames.DeadLetter], "status"));
        await CreateAsync(store, TableNames.FieldConflicts, schemas[TableNames.FieldConflicts], partitionBy: "status");
        await CreateAsync(store, TableNames.Unified, Without(schemas[TableNames.Unified], "city"));

        var setup = await pipeline.RunStageAsync(StageNames.Setup, new StageOptions());

        setup.Succeeded.Should().BeFalse();
        setup.Error.Should().Contain("meta.watermarks: schema: column 'cursor' is long in the table but the configuration needs string")
            .And.Contain("meta.dead_letter: schema: column 'status' is missing and required")
            .And.Contain("silver.field_conflicts: schema: the table is partitioned by [status]");
        (await DeltaTable.OpenAsync(store, TableNames.RelativePath(TableNames.Unified))).Schema.TryIndexOf("city").Should().Be(-1,
            "nothing is changed while any table is refused");
        (await pipeline.Runs.LatestAsync(StageNames.Setup, CancellationToken.None))!.Status.Should().Be(StageStatus.Failed);
    }

    private static Task<DeltaTable> CreateAsync(IObjectStore store, string table, StructType schema, string? partitionBy = null) =>
        DeltaTable.CreateAsync(store, TableNames.RelativePath(table), schema, partitionBy is null ? null : [partitionBy]);

    private static StructType Replace(StructType schema, StructField field) =>
        new(schema.Fields.Select(f => f.Name == field.Name ? field : f));

    private static StructType Without(StructType schema, string column) =>
        new(schema.Fields.Where(f => f.Name != column));
}
