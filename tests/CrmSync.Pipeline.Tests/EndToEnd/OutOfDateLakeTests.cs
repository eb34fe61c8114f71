using CrmSync.Core;
using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Operations;
using CrmSync.Pipeline.Operations.Status;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>A stage run against a lake older than its configuration (a field added to the mappings, a column a new
/// CrmSync writes, and no `crmsync setup` since) fails naming the table, the columns and the fix, before it changes
/// anything; columns the configuration no longer names are left alone.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class OutOfDateLakeTests : IAsyncLifetime
{
    private const string CityMapping = """
          - name: city
            type: string
            hubspot: city
            dynamics: address1_city

        """;

    private const string Fix = "that this version of CrmSync (or its field_mappings.yaml) writes; run `crmsync setup` to add them. Nothing was changed.";

    private SyncHarness _harness = null!;
    private string _withCity = null!;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        _withCity = await File.ReadAllTextAsync(MappingsPath);
        _withCity.Should().Contain(CityMapping);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string MappingsPath => Path.Combine(_harness.ConfigDirectory, PipelineSettingsLoader.MappingsFile);

    [Fact]
    public async Task A_stage_after_a_field_was_mapped_fails_naming_table_column_and_setup_and_writes_nothing_until_setup_runs()
    {
        var ada = _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        await SyncWithoutCityAsync();
        await File.WriteAllTextAsync(MappingsPath, _withCity);
        _harness.HubSpot.Update(ada.Id, new Dictionary<string, string?> { ["city"] = "Paris" });
        var pipeline = await _harness.PipelineAsync();
        var versions = await DataTableVersionsAsync();
        var watermark = await pipeline.Watermarks.GetAsync(WatermarkStore.HubSpotContacts, CancellationToken.None);

        var ingest = await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());

        var expected = $"Table {TableNames.HubSpotRaw} lacks column(s) city {Fix}";
        ingest.Status.Should().Be(StageStatus.Failed);
        ingest.Error.Should().Be(expected);
        var run = await pipeline.Runs.LatestAsync(StageNames.IngestHubSpot, CancellationToken.None);
        run!.Status.Should().Be(StageStatus.Failed);
        run.Error.Should().Be(expected);
        _harness.Logs.Lines.Should().Contain(l => l.StartsWith("ingest-hubspot failed", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        (await DataTableVersionsAsync()).Should().Equal(versions, "only meta.sync_runs records the failed run");
        (await pipeline.Watermarks.GetAsync(WatermarkStore.HubSpotContacts, CancellationToken.None)).Should().Be(watermark);

        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        var again = await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());

        again.Succeeded.Should().BeTrue(again.Error);
        (await _harness.ReadAsync(TableNames.HubSpotRaw)).Select(r => (string?)r["city"]).Should().BeEquivalentTo([null, "Paris"],
            "the version read after setup fills the new column");
    }

    [Fact]
    public async Task A_stage_that_meets_the_out_of_date_table_while_planning_records_the_failure_too()
    {
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        await SyncWithoutCityAsync();
        await File.WriteAllTextAsync(MappingsPath, _withCity);
        var pipeline = await _harness.PipelineAsync();
        var versions = await DataTableVersionsAsync();

        var unify = await pipeline.RunStageAsync(StageNames.Unify, new StageOptions());

        unify.Status.Should().Be(StageStatus.Failed);
        unify.Error.Should().Be($"Table {TableNames.HubSpotRaw} lacks column(s) city {Fix}", "unify plans its partitions from bronze");
        (await pipeline.Runs.LatestAsync(StageNames.Unify, CancellationToken.None))!.Error.Should().Be(unify.Error);
        (await DataTableVersionsAsync()).Should().Equal(versions);
    }

    [Fact]
    public async Task A_table_the_stage_writes_last_being_out_of_date_fails_the_stage_before_it_writes_anything()
    {
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        await _harness.SyncAsync();
        var pipeline = await _harness.PipelineAsync();
        // meta.audit_log as an older CrmSync made it, without error_code: ingest writes it after bronze and the watermark.
        var store = pipeline.Catalog.Store;
        var current = pipeline.Catalog.Schemas[TableNames.AuditLog];
        Directory.Delete(Path.Combine(_harness.LakeRoot, TableNames.RelativePath(TableNames.AuditLog)), recursive: true);
        await DeltaTable.CreateAsync(store, TableNames.RelativePath(TableNames.AuditLog),
            new Lake.Protocol.StructType(current.Fields.Where(f => f.Name != "error_code")), []);
        _harness.HubSpot.Create(People.HubSpot("grace@example.com", "Grace", "Hopper"));
        pipeline = await _harness.PipelineAsync();
        var versions = await DataTableVersionsAsync();

        var ingest = await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions());

        ingest.Status.Should().Be(StageStatus.Failed);
        ingest.Error.Should().Be($"Table {TableNames.AuditLog} lacks column(s) error_code {Fix}");
        (await DataTableVersionsAsync()).Should().Equal(versions, "bronze and the watermark were not written before the audit log was found out of date");
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        (await pipeline.RunStageAsync(StageNames.IngestHubSpot, new StageOptions())).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Status_only_reads_so_it_works_on_an_out_of_date_lake_and_shows_why_the_stages_fail()
    {
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        await _harness.SyncAsync();
        var pipeline = await _harness.PipelineAsync();
        // meta.dead_letter as an older CrmSync made it, without resolution: status reads it.
        var current = pipeline.Catalog.Schemas[TableNames.DeadLetter];
        Directory.Delete(Path.Combine(_harness.LakeRoot, TableNames.RelativePath(TableNames.DeadLetter)), recursive: true);
        await DeltaTable.CreateAsync(pipeline.Catalog.Store, TableNames.RelativePath(TableNames.DeadLetter),
            new Lake.Protocol.StructType(current.Fields.Where(f => f.Name != "resolution")), []);
        pipeline = await _harness.PipelineAsync();
        var push = await pipeline.RunStageAsync(StageNames.PushHubSpot, new StageOptions());

        var operatorLake = await OperatorLake.OpenAsync(_harness.ConfigDirectory, null, _harness.Environment, TimeProvider.System, CancellationToken.None);
        var status = await LakeStatusReader.ReadAsync(operatorLake, CancellationToken.None);

        push.Status.Should().Be(StageStatus.Failed);
        status.OpenDeadLetters.Should().BeEmpty();
        status.Stages.Single(s => s.Stage == StageNames.PushHubSpot).Error.Should().Be($"Table {TableNames.DeadLetter} lacks column(s) resolution {Fix}");
    }

    [Fact]
    public async Task A_sync_runs_table_older_than_its_columns_still_records_the_failure_and_status_reads_it()
    {
        _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace"));
        await _harness.SyncAsync();
        var pipeline = await _harness.PipelineAsync();
        // meta.sync_runs as an older CrmSync would have made it, without records_skipped: the stage's own outcome row.
        var current = pipeline.Catalog.Schemas[TableNames.SyncRuns];
        Directory.Delete(Path.Combine(_harness.LakeRoot, TableNames.RelativePath(TableNames.SyncRuns)), recursive: true);
        await DeltaTable.CreateAsync(pipeline.Catalog.Store, TableNames.RelativePath(TableNames.SyncRuns),
            new Lake.Protocol.StructType(current.Fields.Where(f => f.Name != "records_skipped")), []);
        pipeline = await _harness.PipelineAsync();

        var unify = await pipeline.RunStageAsync(StageNames.Unify, new StageOptions());

        var expected = $"Table {TableNames.SyncRuns} lacks column(s) records_skipped {Fix}";
        unify.Status.Should().Be(StageStatus.Failed);
        unify.Error.Should().Be(expected);
        var run = await pipeline.Runs.LatestAsync(StageNames.Unify, CancellationToken.None);
        run!.Status.Should().Be(StageStatus.Failed);
        run.Error.Should().Be(expected);
        run.RecordsSkipped.Should().Be(0);
        (await pipeline.RunStageAsync(StageNames.Setup, new StageOptions())).Succeeded.Should().BeTrue();
        (await pipeline.RunStageAsync(StageNames.Unify, new StageOptions())).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_column_the_mappings_no_longer_name_is_left_alone_and_every_stage_runs()
    {
        var ada = _harness.HubSpot.Create(People.HubSpot("ada@example.com", "Ada", "Lovelace", city: "London"));
        var adaInDynamics = _harness.Dynamics.Create(People.Dynamics("ada@example.com", "Ada", "Lovelace"));
        await _harness.SyncAsync();
        await File.WriteAllTextAsync(MappingsPath, _withCity.Replace(CityMapping, "", StringComparison.Ordinal));
        _harness.HubSpot.Update(ada.Id, new Dictionary<string, string?> { ["firstname"] = "Augusta", ["city"] = "Paris" });
        var pipeline = await _harness.PipelineAsync();

        foreach (var stage in StageNames.InOrder.Where(s => s != StageNames.Setup))
        {
            var result = await pipeline.RunStageAsync(stage, new StageOptions());
            result.Succeeded.Should().BeTrue($"{stage}: {result.Error}");
        }

        _harness.Dynamics.Get(adaInDynamics.ContactId)!["firstname"].Should().Be("Augusta", "the stages sync the fields still mapped");
        var bronze = await _harness.ReadAsync(TableNames.HubSpotRaw);
        bronze.Should().OnlyContain(r => r.Schema.TryIndexOf("city") >= 0, "setup never drops a column, and neither does a stage");
        bronze.Select(r => (string?)r["city"]).Should().BeEquivalentTo(["London", null], "a field no longer mapped is no longer written");
    }

    /// <summary>Runs every stage on a lake made with field_mappings.yaml without city, as an earlier configuration had it.</summary>
    private async Task SyncWithoutCityAsync()
    {
        await File.WriteAllTextAsync(MappingsPath, _withCity.Replace(CityMapping, "", StringComparison.Ordinal));
        await _harness.SyncAsync();
    }

    /// <summary>The version of every table but meta.sync_runs, read past the catalog (which refuses an out-of-date table).</summary>
    private async Task<List<long>> DataTableVersionsAsync()
    {
        var store = (await _harness.PipelineAsync()).Catalog.Store;
        var versions = new List<long>();
        foreach (var table in TableNames.All.Where(t => t != TableNames.SyncRuns))
        {
            versions.Add((await DeltaTable.OpenAsync(store, TableNames.RelativePath(table))).Version);
        }

        return versions;
    }
}
