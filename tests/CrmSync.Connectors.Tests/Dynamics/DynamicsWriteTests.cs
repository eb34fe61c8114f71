using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Contract tests of $batch writes: per-record results, idempotent creates, change sets, option sets, lookups.</summary>
public sealed class DynamicsWriteTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DynamicsTestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_batch_with_mixed_outcomes_maps_every_part_back_to_its_input()
    {
        var existing = _harness.Emulator.Seed(3);
        var missing = Guid.Parse("00000000-0000-0000-0000-0000000000aa");
        var newId = ContactIdsForTests.For("hubspot:1001");
        var client = _harness.Client();
        var writes = new[]
        {
            Update("u-ok", existing[0].ContactId, ("jobtitle", "Head of Sync")),
            Update("u-missing", missing, ("jobtitle", "Ghost")),
            Create("c-ok", newId, ("lastname", "Fresh"), ("emailaddress1", "fresh@example.com")),
            Update("u-bad-option", existing[1].ContactId, ("new_lifecyclestage", 7)),
            Update("u-too-long", existing[2].ContactId, ("firstname", new string('x', 51))),
        };

        var results = await _harness.RunAsync(() => client.WriteContactsAsync(writes));

        results.Select(r => (r.InputKey, r.Succeeded, r.Status)).Should().Equal(
            ("u-ok", true, 204), ("u-missing", false, 404), ("c-ok", true, 204), ("u-bad-option", false, 400), ("u-too-long", false, 400));
        results[1].ErrorCode.Should().Be("0x80040217");
        results[1].Message.Should().Contain(missing.ToString("D"));
        results[3].ErrorCode.Should().Be("0x8004431a");
        results[3].Message.Should().Contain("new_lifecyclestage");
        results[4].ErrorCode.Should().Be("0x80044331");
        results[4].Message.Should().Contain("firstname");
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => !r.Retryable);
        results[2].Id.Should().Be(newId.ToString("D"));
        _harness.Emulator.Get(existing[0].ContactId)!["jobtitle"].Should().Be("Head of Sync");
        _harness.Emulator.Get(newId)!["lastname"].Should().Be("Fresh");
        _harness.Emulator.Get(existing[1].ContactId)!["new_lifecyclestage"].Should().Be(existing[1]["new_lifecyclestage"]);
        _harness.Emulator.Get(missing).Should().BeNull("an update must never create");
        _harness.Reporter.Reports.Where(r => r.Operation == "batch").Should().ContainSingle().Which.Records.Should().Be(5);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_retried_without_making_a_duplicate()
    {
        var client = _harness.Client();
        var id = ContactIdsForTests.For("hubspot:2002");
        await _harness.RunAsync(() => client.GetOptionSetsAsync());
        _harness.Emulator.DropResponsesAfterProcessing(1);

        var results = await _harness.RunAsync(() => client.WriteContactsAsync([Create("c-1", id, ("lastname", "Once"))]));

        results.Single().Succeeded.Should().BeTrue();
        results.Single().Status.Should().Be(412, "the retry found the row its first, unanswered attempt created");
        _harness.Emulator.GetAll().Should().ContainSingle(c => (string?)c["lastname"] == "Once");
        _harness.Reporter.Reports.Where(r => r.Operation == "batch").Select(r => (r.Attempt, r.Status)).Should().Equal((1, null), (2, 200));
    }

    [Fact]
    public async Task Replaying_creates_with_the_same_deterministic_ids_keeps_one_row_each()
    {
        var client = _harness.Client();
        var writes = Enumerable.Range(0, 20).Select(i => Create($"c-{i}", ContactIdsForTests.For($"hubspot:{i}"), ("lastname", $"Person {i}"))).ToArray();

        var first = await _harness.RunAsync(() => client.WriteContactsAsync(writes));
        var replay = await _harness.RunAsync(() => client.WriteContactsAsync(writes));

        first.Should().OnlyContain(r => r.Succeeded && r.Status == 204);
        replay.Should().OnlyContain(r => r.Succeeded && r.Status == 412);
        _harness.Emulator.Count.Should().Be(20);
    }

    [Fact]
    public async Task Writes_are_split_into_batches_of_the_configured_size()
    {
        var client = _harness.Client(_harness.Options(batchSize: 40));
        var writes = Enumerable.Range(0, 100).Select(i => Create($"c-{i}", ContactIdsForTests.For($"k:{i}"), ("lastname", "Bulk"))).ToArray();

        var results = await _harness.RunAsync(() => client.WriteContactsAsync(writes));

        results.Should().HaveCount(100).And.OnlyContain(r => r.Succeeded);
        results.Select(r => r.InputKey).Should().Equal(writes.Select(w => w.InputKey));
        _harness.Reporter.Reports.Where(r => r.Operation == "batch").Select(r => r.Records).Should().BeEquivalentTo([40, 40, 20]);
        _harness.Emulator.Count.Should().Be(100);
    }

    [Fact]
    public async Task A_failing_change_set_rolls_back_its_neighbours_and_marks_them_retryable()
    {
        var existing = _harness.Emulator.Seed(3);
        var client = _harness.Client(_harness.Options(changeSetSize: 3));
        var writes = new[]
        {
            Update("a", existing[0].ContactId, ("jobtitle", "Changed A")),
            Update("b", existing[1].ContactId, ("new_lifecyclestage", 42)),
            Update("c", existing[2].ContactId, ("jobtitle", "Changed C")),
        };

        var results = await _harness.RunAsync(() => client.WriteContactsAsync(writes));

        results[1].Should().Match<RecordWriteResult>(r => !r.Succeeded && r.Status == 400 && !r.Retryable);
        results[0].Should().Match<RecordWriteResult>(r => !r.Succeeded && r.ErrorCode == "CHANGESET_ROLLED_BACK" && r.Retryable);
        results[2].Should().Match<RecordWriteResult>(r => !r.Succeeded && r.ErrorCode == "CHANGESET_ROLLED_BACK" && r.Retryable);
        _harness.Emulator.Get(existing[0].ContactId)!["jobtitle"].Should().Be(existing[0]["jobtitle"], "the change set is atomic");
    }

    [Fact]
    public async Task Picklist_labels_from_metadata_are_written_as_codes_and_unknown_labels_fail_alone()
    {
        var existing = _harness.Emulator.Seed(2);
        var client = _harness.Client();

        var optionSets = await _harness.RunAsync(() => client.GetOptionSetsAsync());
        var results = await _harness.RunAsync(() => client.WriteContactsAsync(
        [
            Update("label", existing[0].ContactId, ("new_lifecyclestage", "customer")),
            Update("bogus", existing[1].ContactId, ("new_lifecyclestage", "Champion")),
        ]));

        optionSets.TryGetCode("new_lifecyclestage", "Marketing Qualified Lead", out var mql).Should().BeTrue();
        mql.Should().Be(100000002);
        optionSets.LabelOf("preferredcontactmethodcode", 2).Should().Be("Email");
        results[0].Succeeded.Should().BeTrue();
        _harness.Emulator.Get(existing[0].ContactId)!["new_lifecyclestage"].Should().Be(100000005);
        results[1].Should().Match<RecordWriteResult>(r => !r.Succeeded && r.ErrorCode == "INVALID_VALUE" && !r.Retryable);
        results[1].Message.Should().Contain("Champion").And.Contain("new_lifecyclestage").And.Contain("bogus");
        _harness.Reporter.Reports.Where(r => r.Operation == "metadata").Should().ContainSingle("option sets are loaded once");
    }

    [Fact]
    public async Task Option_sets_from_configuration_skip_the_metadata_call()
    {
        var existing = _harness.Emulator.Seed(1);
        var configured = new DynamicsOptionSetMap(new Dictionary<string, IReadOnlyDictionary<int, string>>
        {
            ["new_lifecyclestage"] = new Dictionary<int, string> { [100000001] = "Lead" },
        });
        var client = _harness.Client(_harness.Options(optionSets: configured));

        var results = await _harness.RunAsync(() => client.WriteContactsAsync([Update("x", existing[0].ContactId, ("new_lifecyclestage", "Lead"))]));

        results.Single().Succeeded.Should().BeTrue();
        _harness.Emulator.Get(existing[0].ContactId)!["new_lifecyclestage"].Should().Be(100000001);
        _harness.Reporter.Reports.Should().NotContain(r => r.Operation == "metadata");
    }

    [Fact]
    public async Task Lookups_are_written_with_odata_bind_and_read_back_from_their_value_attribute()
    {
        var account = _harness.Emulator.Accounts[3];
        var id = ContactIdsForTests.For("hubspot:77");
        var client = _harness.Client();
        _harness.Emulator.Capture.Enabled = true;

        var results = await _harness.RunAsync(() => client.WriteContactsAsync([Create("c", id, ("lastname", "Linked"), ("_parentcustomerid_value", account.AccountId))]));
        var read = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        results.Single().Succeeded.Should().BeTrue();
        _harness.Emulator.Get(id)!["_parentcustomerid_value"].Should().Be(account.AccountId);
        _harness.Emulator.Capture.Requests.Single(r => r.Path.EndsWith("$batch", StringComparison.Ordinal)).Body
            .Should().Contain($"\"parentcustomerid_account@odata.bind\":\"/accounts({account.AccountId:D})\"");
        read.Single().Records.Single().Properties["_parentcustomerid_value"].Should().Be(account.AccountId.ToString("D"));
    }

    [Fact]
    public async Task A_lookup_to_a_missing_account_is_a_per_record_failure()
    {
        var client = _harness.Client();

        var results = await _harness.RunAsync(() => client.WriteContactsAsync(
            [Create("c", ContactIdsForTests.For("x"), ("_parentcustomerid_value", Guid.Parse("11111111-2222-3333-4444-555555555555")))]));

        results.Single().Should().Match<RecordWriteResult>(r => !r.Succeeded && r.Status == 404 && r.ErrorCode == "0x80040217");
        _harness.Emulator.Count.Should().Be(0);
    }

    private static DynamicsContactWrite Update(string key, Guid id, params (string Field, object? Value)[] fields) =>
        new(key, id, IsCreate: false, fields.ToDictionary(f => f.Field, f => f.Value));

    private static DynamicsContactWrite Create(string key, Guid id, params (string Field, object? Value)[] fields) =>
        new(key, id, IsCreate: true, fields.ToDictionary(f => f.Field, f => f.Value));
}
