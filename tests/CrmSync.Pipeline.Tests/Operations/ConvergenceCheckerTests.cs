using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Operations.Convergence;
using CrmSync.Pipeline.Stages.Setup;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Operations;

/// <summary>The convergence check on hand-made CRM states: agreement, each explained disagreement, and the unexplained one.</summary>
public sealed class ConvergenceCheckerTests : IDisposable
{
    private const string Alice = "00000000-0000-0000-0000-00000000000a";
    private const string Bob = "00000000-0000-0000-0000-00000000000b";
    private const string AliceInDynamics = "5f0c5f4e-1a2b-4c3d-8e9f-000000000001";
    private const string BobInDynamics = "5f0c5f4e-1a2b-4c3d-8e9f-000000000002";
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly SyncConfiguration _configuration = SyncConfiguration.Load(
        TestConfigs.Sources.Replace("{READ_MODE}", "incremental", StringComparison.Ordinal), "sources.yaml",
        TestConfigs.Mappings.Replace("{TO_HUBSPOT}", "true", StringComparison.Ordinal).Replace("{TO_DYNAMICS}", "true", StringComparison.Ordinal),
        "field_mappings.yaml",
        new Dictionary<string, string> { ["HUBSPOT_TOKEN"] = "test-token", ["D365_CLIENT_SECRET"] = "test-secret" });

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Records_equal_after_normalization_agree_on_every_bi_field()
    {
        var checker = await CheckerAsync();

        var report = await checker.CheckAsync(HubSpot(("1", Person("ALICE@example.com", "+1 (206) 555-0100"))),
            Dynamics((AliceInDynamics, DynamicsPerson("alice@example.com", "+1.206.555.0100"))), CancellationToken.None);

        report.Unexplained.Should().BeEmpty();
        report.Converged.Should().BeTrue();
        report.PeopleCompared.Should().Be(1);
        report.FieldsCompared.Should().Be(_configuration.Mappings.Fields.Count(f => f.Direction == SyncDirection.Bi));
        report.FieldsAgreeing.Should().Be(report.FieldsCompared);
    }

    [Fact]
    public async Task A_value_that_differs_with_nothing_in_the_lake_to_explain_it_is_unexplained()
    {
        var checker = await CheckerAsync();

        var report = await checker.CheckAsync(HubSpot(("1", Person("alice@example.com", "(206) 555-0100") with { City = "Portland" })),
            Dynamics((AliceInDynamics, DynamicsPerson("alice@example.com", "(206) 555-0100"))), CancellationToken.None);

        report.Converged.Should().BeFalse();
        report.Unexplained.Should().ContainSingle().Which.Should().Be(new ConvergenceFinding(Alice, "city", "Portland", "Seattle", null));
    }

    [Fact]
    public async Task An_open_manual_conflict_and_an_open_dead_letter_explain_their_disagreements()
    {
        var checker = await CheckerAsync(async catalog =>
        {
            await AppendAsync(catalog, TableNames.FieldConflicts, new Dictionary<string, object?>
            {
                ["unified_contact_id"] = Alice, ["field"] = "job_title", ["hubspot_value"] = "head of growth", ["dynamics_value"] = "cto",
                ["status"] = "OPEN", ["detected_at"] = At, ["run_id"] = "r1",
            });
            await AppendAsync(catalog, TableNames.DeadLetter, new Dictionary<string, object?>
            {
                ["system"] = "hubspot", ["outbox_id"] = "o1", ["unified_contact_id"] = Bob, ["target_id"] = "2", ["error"] = "HTTP 400 INVALID_EMAIL: bad",
                ["attempts"] = 1, ["first_failed_at"] = At, ["last_failed_at"] = At, ["status"] = "OPEN",
            });
        });

        var report = await checker.CheckAsync(
            HubSpot(("1", Person("alice@example.com", null) with { JobTitle = "Head of Growth" }), ("2", Person("bob@example.com", null))),
            Dynamics((AliceInDynamics, DynamicsPerson("alice@example.com", null, jobTitle: "CTO")),
                (BobInDynamics, DynamicsPerson("bob at example.com", null))),
            CancellationToken.None);

        report.Converged.Should().BeTrue();
        report.Explained.Should().HaveCount(2);
        report.Explained.Should().ContainSingle(f => f.Field == "job_title").Which.Explanation.Should().StartWith("manual conflict open");
        report.Explained.Should().ContainSingle(f => f.Field == "email").Which.Explanation.Should().Contain("dead-lettered").And.Contain("INVALID_EMAIL");
    }

    [Fact]
    public async Task A_person_missing_from_one_CRM_is_unexplained_unless_the_record_is_an_excluded_duplicate()
    {
        var checker = await CheckerAsync(catalog => AppendAsync(catalog, TableNames.CrosswalkConflicts, new Dictionary<string, object?>
        {
            ["source_system"] = "dynamics", ["source_id"] = BobInDynamics, ["match_email"] = "alice@example.com", ["reason"] = "duplicate_email",
            ["related_unified_contact_ids"] = new object?[] { Alice }, ["detected_at"] = At, ["run_id"] = "r1",
        }));

        var report = await checker.CheckAsync(HubSpot(("1", Person("alice@example.com", null))),
            Dynamics((AliceInDynamics, DynamicsPerson("alice@example.com", null)), (BobInDynamics, DynamicsPerson("alice@example.com", null))),
            CancellationToken.None);

        report.Excluded.Should().ContainSingle().Which.Should().Be(new ExcludedRecord("dynamics", BobInDynamics, "duplicate_email (alice@example.com)"));
        report.Unexplained.Should().BeEmpty("Bob's Dynamics record is the excluded duplicate");

        var missing = await (await CheckerAsync()).CheckAsync(HubSpot(("1", Person("alice@example.com", null))), Dynamics(), CancellationToken.None);
        missing.Converged.Should().BeFalse();
        missing.Unexplained.Should().ContainSingle().Which.Should().Be(
            new ConvergenceFinding(Alice, ConvergenceFinding.WholeRecord, "id 1", "(absent)", null));
    }

    [Fact]
    public async Task A_Dynamics_only_person_without_an_email_is_explained_because_HubSpot_creates_need_one()
    {
        var checker = await CheckerAsync();

        var report = await checker.CheckAsync(HubSpot(("1", Person("alice@example.com", null))),
            Dynamics((AliceInDynamics, DynamicsPerson("alice@example.com", null)), (BobInDynamics, DynamicsPerson(null, null))), CancellationToken.None);

        report.Converged.Should().BeTrue();
        report.Explained.Should().ContainSingle().Which.Should().Be(new ConvergenceFinding(Bob, ConvergenceFinding.WholeRecord, "(absent)",
            "id " + BobInDynamics, "not created in HubSpot: no email to make the create idempotent"));
    }

    private async Task<ConvergenceChecker> CheckerAsync(Func<LakeCatalog, Task>? arrange = null)
    {
        var catalog = LakeCatalog.ForDirectory(Path.Combine(_folder.Path, Guid.NewGuid().ToString("N")), new TableSchemas(_configuration.Mappings), TimeProvider.System);
        await SetupStage.CreateTablesAsync(catalog, CancellationToken.None);
        foreach (var (person, system, id) in new[] { (Alice, "hubspot", "1"), (Alice, "dynamics", AliceInDynamics), (Bob, "hubspot", "2"), (Bob, "dynamics", BobInDynamics) })
        {
            await AppendAsync(catalog, TableNames.Crosswalk, new Dictionary<string, object?>
            {
                ["unified_contact_id"] = person, ["source_system"] = system, ["source_id"] = id, ["match_method"] = "email", ["linked_at"] = At, ["run_id"] = "r1",
            });
        }

        if (arrange is not null)
        {
            await arrange(catalog);
        }

        return new ConvergenceChecker(catalog, _configuration.Mappings, new FieldValueNormalizer(_configuration.Sources.Dynamics.OptionSets));
    }

    private static async Task AppendAsync(LakeCatalog catalog, string table, IReadOnlyDictionary<string, object?> values)
    {
        var handle = await catalog.OpenAsync(table, CancellationToken.None);
        await handle.AppendAsync([Lake.Row.FromDictionary(catalog.Schemas[table], values)]);
    }

    private sealed record PersonValues(string? Email, string? Phone, string? JobTitle = "Engineer", string? City = "Seattle");

    private static PersonValues Person(string? email, string? phone) => new(email, phone);

    private static CrmRecords HubSpot(params (string Id, PersonValues Values)[] records) => new(records.ToDictionary(
        r => r.Id,
        r => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
        {
            ["email"] = r.Values.Email, ["firstname"] = "Alice", ["lastname"] = "Smith", ["phone"] = r.Values.Phone, ["jobtitle"] = r.Values.JobTitle,
            ["city"] = r.Values.City, ["lifecyclestage"] = "lead", ["hs_email_optout"] = "false",
        }));

    private static PersonValues DynamicsPerson(string? email, string? phone, string jobTitle = "Engineer") => new(email, phone, jobTitle);

    private static CrmRecords Dynamics(params (string Id, PersonValues Values)[] records) => new(records.ToDictionary(
        r => r.Id,
        r => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
        {
            ["emailaddress1"] = r.Values.Email, ["firstname"] = "Alice", ["lastname"] = "Smith", ["telephone1"] = r.Values.Phone,
            ["jobtitle"] = r.Values.JobTitle, ["address1_city"] = r.Values.City, ["new_lifecyclestage"] = "100000001", ["donotbulkemail"] = "false",
        }));
}
