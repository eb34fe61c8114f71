using CrmSync.Connectors.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Contract tests of incremental reads (watermark and change tracking) against the emulator.</summary>
public sealed class DynamicsReadTests : IAsyncLifetime
{
    private DynamicsTestHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DynamicsTestHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_full_read_pages_through_every_contact_in_modifiedon_then_id_order()
    {
        _harness.Emulator.Seed(250);
        var client = _harness.Client(_harness.Options(pageSize: 100));

        var pages = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));

        pages.Select(p => p.Records.Count).Should().Equal(100, 100, 50);
        pages.Take(2).Should().OnlyContain(p => p.NextCursor == null);
        pages.Should().OnlyContain(p => p.IsFullRead);
        var records = pages.SelectMany(p => p.Records).ToList();
        records.Select(r => r.Id).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(_harness.Emulator.GetAll().Select(c => c.ContactId.ToString("D")));
        records.Select(r => (r.ModifiedAt, Guid.Parse(r.Id))).Should().BeInAscendingOrder();
        pages[^1].NextCursor!.ModifiedSince.Should().Be(records.Max(r => r.ModifiedAt));
    }

    [Fact]
    public async Task Records_carry_columns_formatted_labels_and_lookup_ids_as_the_api_returned_them()
    {
        var account = _harness.Emulator.Accounts[0];
        var contact = _harness.Emulator.Create(new Dictionary<string, object?>
        {
            ["firstname"] = "Zoë",
            ["lastname"] = "O'Brien",
            ["new_lifecyclestage"] = 100000005,
            ["donotbulkemail"] = true,
            ["_parentcustomerid_value"] = account.AccountId,
        });
        var client = _harness.Client();

        var record = (await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null))).Single().Records.Single();

        record.Id.Should().Be(contact.ContactId.ToString("D"));
        record.IsDeleted.Should().BeFalse();
        record.ModifiedAt.Should().Be(DynamicsTestHarness.Start);
        record.Properties["firstname"].Should().Be("Zoë");
        record.Properties["lastname"].Should().Be("O'Brien");
        record.Properties["emailaddress1"].Should().BeNull();
        record.Properties["new_lifecyclestage"].Should().Be("100000005");
        record.Properties["new_lifecyclestage@OData.Community.Display.V1.FormattedValue"].Should().Be("Customer");
        record.Properties["donotbulkemail"].Should().Be("true");
        record.Properties["_parentcustomerid_value"].Should().Be(account.AccountId.ToString("D"));
        record.Properties["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"].Should().Be(account.Name);
        record.Properties.Keys.Should().NotContain(k => k.StartsWith("@odata.", StringComparison.Ordinal));
        record.RawJson.Should().Contain("\"contactid\"").And.Contain("@odata.etag");
    }

    [Fact]
    public async Task A_watermark_read_returns_contacts_edited_since_including_those_at_the_watermark_second()
    {
        var seeded = _harness.Emulator.Seed(50);
        var client = _harness.Client();
        var first = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        var cursor = DynamicsReadCursor.Parse(first[^1].NextCursor!.ToString());
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var edited = _harness.Emulator.Update(seeded[7].ContactId, new Dictionary<string, object?> { ["jobtitle"] = "Chief Sync Officer" });

        var second = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, cursor));

        var ids = second.SelectMany(p => p.Records).Select(r => r.Id).ToList();
        ids.Should().Contain(edited.ContactId.ToString("D"));
        // At-least-once: the newest record of the previous read shares the watermark and comes again.
        ids.Should().Contain(first.SelectMany(p => p.Records).MaxBy(r => r.ModifiedAt)!.Id);
        ids.Should().HaveCountLessThan(50);
        second.Should().OnlyContain(p => !p.IsFullRead);
        second[^1].NextCursor!.ModifiedSince.Should().Be(edited.ModifiedOn);
    }

    [Fact]
    public async Task Change_tracking_returns_everything_first_then_only_changes_with_deletes_last()
    {
        var seeded = _harness.Emulator.Seed(30);
        var client = _harness.Client(_harness.Options(DynamicsReadMode.ChangeTracking, pageSize: 8));
        var initial = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        initial.SelectMany(p => p.Records).Should().HaveCount(30);
        initial.Should().OnlyContain(p => p.IsFullRead);
        var cursor = initial[^1].NextCursor!;
        cursor.DeltaLink.Should().Contain("$deltatoken=");

        _harness.Emulator.Update(seeded[3].ContactId, new Dictionary<string, object?> { ["telephone1"] = "+1 617 555 0100" });
        _harness.Emulator.Delete(seeded[4].ContactId);
        var created = _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Newcomer" });

        var changes = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, DynamicsReadCursor.Parse(cursor.ToString())));

        var records = changes.SelectMany(p => p.Records).ToList();
        records.Select(r => (r.Id, r.IsDeleted)).Should().Equal(
            (seeded[3].ContactId.ToString("D"), false),
            (created.ContactId.ToString("D"), false),
            (seeded[4].ContactId.ToString("D"), true));
        changes.Should().OnlyContain(p => !p.IsFullRead);
        changes[^1].NextCursor!.DeltaLink.Should().NotBe(cursor.DeltaLink);
    }

    [Fact]
    public async Task An_expired_delta_token_falls_back_to_a_full_read_with_a_clear_log_line()
    {
        _harness.Emulator.Seed(12);
        var client = _harness.Client(_harness.Options(DynamicsReadMode.ChangeTracking));
        var initial = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        _harness.Emulator.ExpireDeltaTokens();

        var reread = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, initial[^1].NextCursor));

        reread.SelectMany(p => p.Records).Should().HaveCount(12);
        reread.Should().OnlyContain(p => p.IsFullRead);
        reread[^1].NextCursor!.DeltaLink.Should().NotBeNull();
        _harness.Logger.Lines.Should().Contain(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && l.Text.Contains("delta token", StringComparison.Ordinal) && l.Text.Contains("0x80044352", StringComparison.Ordinal)
            && l.Text.Contains("full read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delta_token_older_than_its_lifetime_is_refused_like_the_real_service()
    {
        var client = _harness.Client(_harness.Options(DynamicsReadMode.ChangeTracking));
        var initial = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, null));
        _harness.Emulator.DeltaTokenLifetime = TimeSpan.FromDays(7);
        _harness.Clock.Advance(TimeSpan.FromDays(8));
        _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Later" });

        var reread = await _harness.RunAsync(() => DynamicsTestHarness.ReadAllPagesAsync(client, initial[^1].NextCursor));

        reread.Should().OnlyContain(p => p.IsFullRead);
        reread.SelectMany(p => p.Records).Should().ContainSingle(r => r.Properties["lastname"] == "Later");
    }

    [Fact]
    public async Task Values_with_quotes_cannot_change_a_query()
    {
        var obrien = _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "O'Brien", ["emailaddress1"] = "o'brien@example.com" });
        _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Other", ["emailaddress1"] = "other@example.com" });
        var client = _harness.Client();

        var exact = await _harness.RunAsync(() => client.FindContactsByEmailAsync("O'BRIEN@example.com"));
        var injected = await _harness.RunAsync(() => client.FindContactsByEmailAsync("x' or emailaddress1 ne 'y"));
        var closing = await _harness.RunAsync(() => client.FindContactsByEmailAsync("') or (contactid ne null"));

        exact.Should().ContainSingle().Which.Id.Should().Be(obrien.ContactId.ToString("D"));
        injected.Should().BeEmpty();
        closing.Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_emails_are_all_found()
    {
        _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "One", ["emailaddress1"] = "shared@example.com" });
        _harness.Emulator.Create(new Dictionary<string, object?> { ["lastname"] = "Two", ["emailaddress1"] = "Shared@Example.com" });
        var client = _harness.Client();

        var found = await _harness.RunAsync(() => client.FindContactsByEmailAsync("shared@example.com"));

        found.Select(r => r.Properties["lastname"]).Should().BeEquivalentTo(["One", "Two"]);
    }
}
