using CrmSync.Core;
using CrmSync.Core.Configuration;
using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Stages.Deltas;
using CrmSync.Pipeline.Tests.Support;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>Scenarios 1 and 2: a first full sync converges both CRMs; a run with no edits writes nothing.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class ConvergenceTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        var seed = new SeedOptions { Seed = 11, InvalidValueFraction = 0 };
        _harness.HubSpot.Seed(150, seed);
        _harness.Dynamics.Seed(150, seed);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task First_sync_converges_every_bi_field_and_a_run_without_edits_makes_no_api_writes()
    {
        await _harness.SyncAsync();
        var second = await _harness.SyncAsync();

        var secondRun = second[0].RunId;
        var audit = await _harness.ReadAsync(TableNames.AuditLog);
        audit.Where(r => (string)r["run_id"]! == secondRun && ((string)r["operation"]!).StartsWith("batch", StringComparison.Ordinal))
            .Should().BeEmpty("values pushed by the first run and read back must not make new deltas");
        second.Single(r => r.Stage == "compute-deltas").Created.Should().Be(0);

        var settings = await _harness.LoadSettingsAsync();
        var state = new CrmState(settings.Mappings, await _harness.NormalizerAsync(), _harness.HubSpot, _harness.Dynamics);
        var unified = await _harness.ReadAsync(TableNames.Unified);
        var conflicts = (await _harness.ReadAsync(TableNames.CrosswalkConflicts)).SelectMany(r => ((IReadOnlyList<object?>)r["related_unified_contact_ids"]!).Cast<string>()).ToHashSet();
        var live = unified.Where(r => !(bool)r["is_deleted"]! && !conflicts.Contains((string)r["unified_contact_id"]!)).ToList();
        live.Should().HaveCountGreaterThan(200);
        live.Where(r => r["email"] != null).Should().OnlyContain(r => r["hubspot_id"] != null && r["dynamics_id"] != null,
            "create_missing puts every person with an email in both CRMs");
        live.Where(r => r["email"] == null).Should().OnlyContain(r => r["dynamics_id"] != null,
            "HubSpot creates need an email to be idempotent, so people without one are created in Dynamics only");
        live = [.. live.Where(r => r["hubspot_id"] != null && r["dynamics_id"] != null)];

        var checkedFields = 0;
        foreach (var row in live)
        {
            foreach (var field in settings.Mappings.Fields.Where(f => f.Direction == SyncDirection.Bi && f.Conflict != ConflictRule.Manual))
            {
                var expected = (string?)row[field.Name];
                var inHubSpot = state.Value(SourceSystem.HubSpot, (string)row["hubspot_id"]!, field.Name);
                var inDynamics = state.Value(SourceSystem.Dynamics, (string)row["dynamics_id"]!, field.Name);
                if (field.Strategy == WriteStrategy.FillIfMissing)
                {
                    // Never overwritten (each side may keep its own value), but an empty side got filled.
                    (inHubSpot is null).Should().Be(inDynamics is null, $"{field.Name} of {row["unified_contact_id"]} fills an empty side");
                    continue;
                }

                inHubSpot.Should().Be(expected, $"{field.Name} of {row["unified_contact_id"]} in HubSpot");
                inDynamics.Should().Be(expected, $"{field.Name} of {row["unified_contact_id"]} in Dynamics");
                checkedFields++;
            }
        }

        checkedFields.Should().BeGreaterThan(1000);
        (await _harness.ReadAsync(TableNames.DeadLetter)).Should().BeEmpty();
        (await _harness.ReadAsync(TableNames.HubSpotOutbox)).Should().OnlyContain(r => (string)r["status"]! == OutboxStatus.Success);
    }
}
