using System.Text;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;

namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>The one-pass page parser on exact bytes: what each record keeps, and the errors for pages that are not the documented shape.</summary>
public sealed class HubSpotPageReaderTests
{
    private const string Endpoint = "GET /crm/v3/objects/contacts";

    // Odd spacing, escapes and member order on purpose: raw JSON must be the bytes as sent, not a re-serialisation.
    private const string First = """{ "id" : "101", "properties": {"email":"in\u00e9s@example.com" , "firstname": "", "phone": null, "hs_count": 42, "hs_flag": true, "hs_nested": {"a": [1, 2]}, "lastmodifieddate": "2025-01-31T23:10:00.000Z"},"archived":false}""";
    private const string Second = """
        {
          "archived": true, "archivedAt": "2025-02-01T08:00:00Z",
          "properties": { "email": "gone@example.com", "lastmodifieddate": "2025-01-01T00:00:00Z" },
          "id": "102", "updatedAt": "2025-01-01T00:00:00Z"
        }
        """;

    [Fact]
    public void Each_record_keeps_its_contact_object_exactly_as_sent_and_its_properties_as_invariant_strings()
    {
        var page = Read($$$"""{"results": [{{{First}}}, {{{Second}}}], "paging": {"next": {"after": "103", "link": "x"}}, "total": 2}""");

        page.Records.Select(r => r.RawJson).Should().Equal(First, Second);
        var first = page.Records[0];
        first.Id.Should().Be("101");
        first.IsDeleted.Should().BeFalse();
        first.ModifiedAt.Should().Be(new DateTimeOffset(2025, 1, 31, 23, 10, 0, TimeSpan.Zero));
        first.Properties.Should().Equal(new Dictionary<string, string?>
        {
            ["email"] = "inés@example.com",
            ["firstname"] = null,
            ["phone"] = null,
            ["hs_count"] = "42",
            ["hs_flag"] = "true",
            ["hs_nested"] = """{"a": [1, 2]}""",
            ["lastmodifieddate"] = "2025-01-31T23:10:00.000Z",
        });
        var archived = page.Records[1];
        archived.Id.Should().Be("102");
        archived.IsDeleted.Should().BeTrue();
        archived.ModifiedAt.Should().Be(new DateTimeOffset(2025, 2, 1, 8, 0, 0, TimeSpan.Zero), "an archived contact's time is archivedAt");
        page.NextAfter.Should().Be("103");
        page.Total.Should().Be(2);
    }

    [Fact]
    public void A_last_page_has_no_cursor_and_a_list_page_no_total()
    {
        var page = Read("""{"results":[{"id":"7","properties":{},"updatedAt":"1738364400000"}]}""");

        page.Records.Should().ContainSingle().Which.ModifiedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1738364400000), "updatedAt stands in for a missing lastmodifieddate");
        page.NextAfter.Should().BeNull();
        page.Total.Should().BeNull();
    }

    [Theory]
    [InlineData("""[]""", "the required member 'results' is missing")]
    [InlineData("""{"paging":{}}""", "the required member 'results' is missing")]
    [InlineData("""{"results":{}}""", "the member 'results' is Object, expected Array")]
    [InlineData("""{"results":[7]}""", "the required member 'id' is missing")]
    [InlineData("""{"results":[{"properties":{}}]}""", "the required member 'id' is missing")]
    [InlineData("""{"results":[{"id":5,"properties":{}}]}""", "the member 'id' is Number, expected String")]
    [InlineData("""{"results":[{"id":"","properties":{}}]}""", "the required member 'id' is empty")]
    [InlineData("""{"results":[{"id":"1"}]}""", "the required member 'properties' is missing")]
    [InlineData("""{"results":[{"id":"1","properties":[]}]}""", "the member 'properties' is Array, expected Object")]
    [InlineData("""{"results":[{"id":"1","properties":{}}]}""", "contact 1 has neither properties.lastmodifieddate nor updatedAt")]
    [InlineData("""{"results":[{"id":"1","properties":{},"updatedAt":7}]}""", "the member 'updatedAt' is Number, expected String")]
    [InlineData("""{"results":[{"id":"1","properties":{"lastmodifieddate":"soon"}}]}""", "contact 1 has an unreadable modification time")]
    [InlineData("""{"results":[],"paging":[]}""", "the member 'paging' is Array, expected Object")]
    [InlineData("""{"results":[],"paging":{"next":{}}}""", "the required member 'after' is missing")]
    [InlineData("""{"results":[],"total":"2"}""", "the member 'total' is String, expected Number")]
    [InlineData("""{"results":[{"id":"1","properties":{"email":"someone@exa""", "the body is not valid JSON")]
    [InlineData("""{"results":[]} {"results":[]}""", "the body is not valid JSON")]
    public void A_page_that_is_not_the_documented_shape_is_a_malformed_response_naming_the_endpoint(string body, string problem)
    {
        var read = () => Read(body);

        var failure = read.Should().Throw<CrmMalformedResponseException>().Which;
        failure.Endpoint.Should().Be(Endpoint);
        failure.Message.Should().StartWith($"hubspot {Endpoint} returned a malformed response (HTTP 200): ").And.Contain(problem);
        failure.Message.Should().NotContain("someone", "the body may hold personal data");
    }

    private static HubSpotPage Read(string body) =>
        HubSpotPageReader.Read(Encoding.UTF8.GetBytes(body), new JsonResponseReader(HubSpotFailures.System, Endpoint, 200));
}
