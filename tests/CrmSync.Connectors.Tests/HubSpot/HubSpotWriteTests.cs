using CrmSync.Connectors.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.HubSpot;

public sealed class HubSpotWriteTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_update_with_mixed_outcomes_gets_a_207_and_one_result_per_input()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await HubSpotHarness.StartAsync(e => e with { TimeProvider = clock });
        var good = harness.Emulator.Create(HubSpotTestData.Contact("good@example.com"));
        var badEmail = harness.Emulator.Create(HubSpotTestData.Contact("bademail@example.com"));
        var badStage = harness.Emulator.Create(HubSpotTestData.Contact("badstage@example.com"));
        clock.Advance(TimeSpan.FromMinutes(3));

        var results = await harness.Client.UpdateAsync(
        [
            new HubSpotWriteInput("k-good", Id(good.Id), new Dictionary<string, string?> { ["jobtitle"] = "CFO", ["phone"] = null }),
            new HubSpotWriteInput("k-email", Id(badEmail.Id), new Dictionary<string, string?> { ["email"] = "not-an-email" }),
            new HubSpotWriteInput("k-missing", "999999999", new Dictionary<string, string?> { ["jobtitle"] = "Ghost" }),
            new HubSpotWriteInput("k-stage", Id(badStage.Id), new Dictionary<string, string?> { ["lifecyclestage"] = "prospect" }),
        ]).ToListAsync();

        results.Should().HaveCount(4);
        var byKey = results.ToDictionary(r => r.InputKey);
        byKey["k-good"].Should().BeEquivalentTo(new { Succeeded = true, Id = Id(good.Id), Status = 200 });
        byKey["k-email"].Should().BeEquivalentTo(new { Succeeded = false, Status = 400, ErrorCode = "VALIDATION_ERROR", Retryable = false });
        byKey["k-email"].Message.Should().Contain("INVALID_EMAIL");
        byKey["k-missing"].Should().BeEquivalentTo(new { Succeeded = false, Status = 404, ErrorCode = "OBJECT_NOT_FOUND", Retryable = false });
        byKey["k-stage"].Should().BeEquivalentTo(new { Succeeded = false, ErrorCode = "VALIDATION_ERROR" });
        byKey["k-stage"].Message.Should().Contain("INVALID_OPTION");

        var updated = harness.Emulator.Get(good.Id)!;
        updated.Properties["jobtitle"].Should().Be("CFO");
        updated.Properties["phone"].Should().BeNull();
        updated.UpdatedAt.Should().Be(Start.AddMinutes(3));
        harness.Emulator.Get(badEmail.Id)!.Properties["email"].Should().Be("bademail@example.com", "a refused input changes nothing");
        harness.Reporter.Reports.Should().ContainSingle(r => r.Operation == "batch_update")
            .Which.Should().BeEquivalentTo(new { Status = 207, Records = 4, Attempt = 1 });
    }

    [Fact]
    public async Task Batch_create_returns_the_ids_HubSpot_assigned_and_refuses_an_email_in_use()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        var existing = harness.Emulator.Create(HubSpotTestData.Contact("taken@example.com"));

        var results = await harness.Client.CreateAsync(
        [
            new HubSpotWriteInput("new-1", null, HubSpotTestData.Contact("Grace.Hopper@Example.com", "Grace", "Hopper")),
            new HubSpotWriteInput("dup", null, HubSpotTestData.Contact("taken@example.com")),
            new HubSpotWriteInput("new-2", null, HubSpotTestData.Contact("alan@example.com", "Alan", "Turing")),
        ]).ToListAsync();

        var byKey = results.ToDictionary(r => r.InputKey);
        byKey["dup"].Should().BeEquivalentTo(new { Succeeded = false, Status = 409, ErrorCode = "CONFLICT" });
        byKey["dup"].Message.Should().Contain(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var key in new[] { "new-1", "new-2" })
        {
            byKey[key].Succeeded.Should().BeTrue();
            byKey[key].Status.Should().Be(201);
        }

        harness.Emulator.Get(long.Parse(byKey["new-1"].Id!, System.Globalization.CultureInfo.InvariantCulture))!
            .Properties["email"].Should().Be("grace.hopper@example.com", "HubSpot stores emails lowercased");
        harness.Emulator.Get(long.Parse(byKey["new-2"].Id!, System.Globalization.CultureInfo.InvariantCulture))!
            .Properties["lastname"].Should().Be("Turing");
        harness.Emulator.Count.Should().Be(3);
    }

    [Fact]
    public async Task Upsert_by_email_updates_the_existing_contact_and_creates_the_new_one()
    {
        await using var harness = await HubSpotHarness.StartAsync();
        var existing = harness.Emulator.Create(HubSpotTestData.Contact("known@example.com"));

        var results = await harness.Client.UpsertAsync(
        [
            new HubSpotWriteInput("a", "KNOWN@example.com", new Dictionary<string, string?> { ["jobtitle"] = "Engineer" }),
            new HubSpotWriteInput("b", "fresh@example.com", new Dictionary<string, string?> { ["firstname"] = "Fresh" }),
        ], "email").ToListAsync();

        results.Should().OnlyContain(r => r.Succeeded);
        results.Single(r => r.InputKey == "a").Id.Should().Be(Id(existing.Id));
        harness.Emulator.Get(existing.Id)!.Properties["jobtitle"].Should().Be("Engineer");
        var created = harness.Emulator.GetAll().Single(c => c.Properties["email"] == "fresh@example.com");
        results.Single(r => r.InputKey == "b").Id.Should().Be(Id(created.Id));
        created.Properties["firstname"].Should().Be("Fresh");
    }

    [Fact]
    public async Task Writes_are_split_into_batches_of_the_configured_size_and_repeated_ids_never_share_a_batch()
    {
        await using var harness = await HubSpotHarness.StartAsync(client: c => c with { BatchSize = 3, MaxConcurrentBatches = 3 });
        var ids = Enumerable.Range(0, 5).Select(i => harness.Emulator.Create(HubSpotTestData.Contact($"c{i}@example.com")).Id).ToList();
        var inputs = ids.Select((id, i) => new HubSpotWriteInput($"first-{i}", Id(id), new Dictionary<string, string?> { ["jobtitle"] = "first" }))
            .Append(new HubSpotWriteInput("second-0", Id(ids[0]), new Dictionary<string, string?> { ["jobtitle"] = "second" }))
            .ToList();
        harness.Emulator.Capture.Enabled = true;

        var results = await harness.Client.UpdateAsync(inputs).ToListAsync();

        results.Select(r => r.InputKey).Should().BeEquivalentTo(inputs.Select(i => i.InputKey));
        results.Should().OnlyContain(r => r.Succeeded);
        harness.Emulator.Capture.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Path == "/crm/v3/objects/contacts/batch/update");
        harness.Emulator.Get(ids[0])!.Properties["jobtitle"].Should().Be("second", "the later write to one record lands last");
    }

    [Fact]
    public async Task A_whole_batch_refused_with_a_400_fails_every_input_with_HubSpots_message()
    {
        await using var harness = await HubSpotHarness.StartAsync(e => e with { MaxBatchInputs = 2 });

        var results = await harness.Client.CreateAsync(
            Enumerable.Range(0, 3).Select(i => new HubSpotWriteInput($"k{i}", null, HubSpotTestData.Contact($"x{i}@example.com")))).ToListAsync();

        results.Should().HaveCount(3).And.OnlyContain(r => !r.Succeeded && r.Status == 400 && r.ErrorCode == "VALIDATION_ERROR" && !r.Retryable);
        results[0].Message.Should().Contain("between 1 and 2 inputs");
        harness.Emulator.Count.Should().Be(0);
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
