using System.Buffers;
using System.Text;
using System.Text.Json;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Tests.Support;
using CrmSync.Core.WireFormat;

namespace CrmSync.Core.Tests.WireFormat;

public class WireFormatTests
{
    private readonly HubSpotWireFormat _hubspot = new(TestMappings.OptionSets);
    private readonly DynamicsWireFormat _dynamics = new(TestMappings.Sources.Dynamics);

    [Theory]
    [InlineData(FieldType.OptionSet, "lead", "lifecyclestage", "new_lifecyclestage", "100000001")]
    [InlineData(FieldType.Boolean, "true", "opt", "donotbulkemail", "true")]
    [InlineData(FieldType.Number, "12.5", "score", "score", "12.5")]
    [InlineData(FieldType.Date, "2024-03-05", "d", "d", "\"2024-03-05\"")]
    [InlineData(FieldType.DateTime, "2024-03-05T10:11:12Z", "dt", "dt", "\"2024-03-05T10:11:12Z\"")]
    public void Dynamics_gets_typed_json(FieldType type, string value, string hubspot, string dynamics, string json)
    {
        var written = false;

        var payload = Json(p => written = _dynamics.TryWrite(p, TestMappings.Field("f", type, hubspot: hubspot, dynamics: dynamics), Unified(value), out _));

        written.Should().BeTrue();
        payload.Should().Be($"{{\"{dynamics}\":{json}}}");
    }

    [Fact]
    public void Dynamics_lookups_are_written_as_odata_bind()
    {
        var field = TestMappings.Field("account_id", FieldType.Lookup, dynamics: "parentcustomerid");

        var payload = Json(p => _dynamics.TryWrite(p, field, Unified("6f9619ff-8b86-d011-b42d-00c04fc964ff"), out _).Should().BeTrue());

        payload.Should().Be("""{"parentcustomerid_account@odata.bind":"/accounts(6f9619ff-8b86-d011-b42d-00c04fc964ff)"}""");
    }

    [Fact]
    public void Text_like_fields_carry_the_winners_text_and_empty_clears()
    {
        var phone = TestMappings.Field("phone", FieldType.Phone, hubspot: "phone", dynamics: "telephone1");

        var payload = Json(p =>
        {
            _dynamics.TryWrite(p, phone, new UnifiedField("+15550102000", "+1 (555) 010-2000", FieldOrigin.HubSpot, null), out _);
            _dynamics.TryWrite(p, TestMappings.Field("city", dynamics: "address1_city"), UnifiedField.Empty, out _);
        });
        _hubspot.TryFormat(phone, new UnifiedField("+15550102000", "+1 (555) 010-2000", FieldOrigin.Dynamics, null), out var hubspotPhone, out _);
        _hubspot.TryFormat(phone, UnifiedField.Empty, out var cleared, out _);

        payload.Should().Be("""{"telephone1":"\u002B1 (555) 010-2000","address1_city":null}""");
        hubspotPhone.Should().Be("+1 (555) 010-2000");
        cleared.Should().BeEmpty();
    }

    [Fact]
    public void HubSpot_gets_option_labels_and_boolean_words()
    {
        _hubspot.TryFormat(TestMappings.Field("s", FieldType.OptionSet, dynamics: "new_lifecyclestage"), Unified("customer"), out var stage, out _).Should().BeTrue();
        _hubspot.TryFormat(TestMappings.Field("b", FieldType.Boolean), Unified("false"), out var flag, out _).Should().BeTrue();

        stage.Should().Be("customer");
        flag.Should().Be("false");
    }

    [Theory]
    [InlineData(FieldType.Number, "12,5")]
    [InlineData(FieldType.Date, "next week")]
    [InlineData(FieldType.Lookup, "account-7")]
    [InlineData(FieldType.OptionSet, "partner")]
    public void Values_that_failed_normalization_are_never_sent(FieldType type, string value)
    {
        var field = TestMappings.Field("f", type, dynamics: type == FieldType.OptionSet ? "new_lifecyclestage" : "parentcustomerid");
        string? dynamicsProblem = null;

        var payload = Json(p => _dynamics.TryWrite(p, field, Unified(value), out dynamicsProblem).Should().BeFalse());
        _hubspot.TryFormat(field, Unified(value), out _, out var hubspotProblem).Should().BeFalse();

        payload.Should().Be("{}");
        dynamicsProblem.Should().Contain(value);
        hubspotProblem.Should().Contain(value);
    }

    private static UnifiedField Unified(string value) => new(value, value, FieldOrigin.HubSpot, null);

    /// <summary>The object <paramref name="write"/> fills, as JSON text (the writer's default escaping).</summary>
    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
