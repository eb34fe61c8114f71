using System.Text;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Tests.Common;

public sealed class CrmRecordTests
{
    private const string Json = """{"id":"1","properties":{"firstname":"Inés \u00e9"}}""";
    private static readonly DateTimeOffset Modified = new(2025, 1, 31, 23, 10, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> Values = new() { ["firstname"] = "Inés é" };

    [Fact]
    public void A_record_kept_as_a_utf8_slice_gives_its_json_text_and_equals_the_record_built_from_that_text()
    {
        var page = Encoding.UTF8.GetBytes("[" + Json + "]");
        var fromSlice = new CrmRecord("1", Modified, false, Values, page.AsMemory(1, page.Length - 2));
        var fromText = new CrmRecord("1", Modified, false, Values, Json);

        fromSlice.RawJson.Should().Be(Json);
        fromSlice.RawJsonUtf8.ToArray().Should().Equal(Encoding.UTF8.GetBytes(Json));
        fromText.RawJsonUtf8.ToArray().Should().Equal(Encoding.UTF8.GetBytes(Json));
        fromSlice.Should().Be(fromText);
        fromText.Should().Be(fromSlice);
        fromSlice.GetHashCode().Should().Be(fromText.GetHashCode());
    }

    [Fact]
    public void Records_differing_in_raw_json_only_are_not_equal()
    {
        var record = new CrmRecord("1", Modified, false, Values, Json);

        record.Should().NotBe(record with { RawJson = Json.Replace("Inés", "Ines", StringComparison.Ordinal) });
        record.Should().NotBe(record with { RawJsonUtf8 = Encoding.UTF8.GetBytes("{}") });
    }

    [Fact]
    public void Replacing_either_form_of_the_raw_json_replaces_both()
    {
        var record = new CrmRecord("1", Modified, false, Values, Json);

        var byText = record with { RawJson = "{\"id\":\"2\"}" };
        var byBytes = record with { RawJsonUtf8 = Encoding.UTF8.GetBytes("{\"id\":\"3\"}") };

        byText.RawJsonUtf8.ToArray().Should().Equal(Encoding.UTF8.GetBytes("{\"id\":\"2\"}"));
        byBytes.RawJson.Should().Be("{\"id\":\"3\"}");
    }

    [Fact]
    public void Deconstructs_into_the_five_members_it_was_built_from()
    {
        var (id, modifiedAt, isDeleted, properties, rawJson) = new CrmRecord("1", Modified, true, Values, Encoding.UTF8.GetBytes(Json));

        (id, modifiedAt, isDeleted, properties, rawJson).Should().Be(("1", Modified, true, Values, Json));
    }
}
