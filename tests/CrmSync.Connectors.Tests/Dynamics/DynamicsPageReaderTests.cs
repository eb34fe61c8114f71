using System.Text;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>The one-pass page parser on exact bytes: what each record keeps, and the errors for pages that are not the documented shape.</summary>
public sealed class DynamicsPageReaderTests
{
    private const string Endpoint = "GET /api/data/v9.2/contacts";
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    // Odd spacing, escapes and member order on purpose: raw JSON must be the bytes as sent, not a re-serialisation.
    private const string Row = """
        {"@odata.etag": "W/\"1001\"", "lastname" : "O\u0027Brien", "contactid": "6c1c3f2e-0000-4000-8000-000000000001",
         "new_lifecyclestage": 100000005, "new_lifecyclestage@OData.Community.Display.V1.FormattedValue": "Customer",
         "donotbulkemail": true, "emailaddress1": null, "jobtitle": "", "new_tags": ["a", {"b": 1}],
         "modifiedon": "2025-01-31T23:10:00Z"}
        """;
    private const string DeletedRow = """{"@odata.context":"https://org/api/data/v9.2/$metadata#contacts/$deletedEntity","id":"6c1c3f2e-0000-4000-8000-000000000002","reason":"deleted"}""";

    [Fact]
    public void Each_record_keeps_its_row_exactly_as_sent_and_every_column_and_annotation_as_an_invariant_string()
    {
        var (records, nextLink, deltaLink) = Read($$"""{"@odata.context":"https://org/api/data/v9.2/$metadata#contacts","value":[{{Row}},{{DeletedRow}}],"@odata.nextLink":"https://org/api/data/v9.2/contacts?$skiptoken=2"}""");

        records.Select(r => r.RawJson).Should().Equal(Row, DeletedRow);
        var contact = records[0];
        contact.Id.Should().Be("6c1c3f2e-0000-4000-8000-000000000001");
        contact.IsDeleted.Should().BeFalse();
        contact.ModifiedAt.Should().Be(new DateTimeOffset(2025, 1, 31, 23, 10, 0, TimeSpan.Zero));
        contact.Properties.Should().Equal(new Dictionary<string, string?>
        {
            ["lastname"] = "O'Brien",
            ["contactid"] = "6c1c3f2e-0000-4000-8000-000000000001",
            ["new_lifecyclestage"] = "100000005",
            ["new_lifecyclestage@OData.Community.Display.V1.FormattedValue"] = "Customer",
            ["donotbulkemail"] = "true",
            ["emailaddress1"] = null,
            ["jobtitle"] = "",
            ["new_tags"] = """["a", {"b": 1}]""",
            ["modifiedon"] = "2025-01-31T23:10:00Z",
        });
        var deleted = records[1];
        deleted.Id.Should().Be("6c1c3f2e-0000-4000-8000-000000000002");
        deleted.IsDeleted.Should().BeTrue();
        deleted.ModifiedAt.Should().Be(ReadAt, "a deletion carries no modifiedon; it is seen at read time");
        deleted.Properties.Should().BeEmpty();
        nextLink.Should().Be("https://org/api/data/v9.2/contacts?$skiptoken=2");
        deltaLink.Should().BeNull();
    }

    [Fact]
    public void The_last_change_tracking_page_gives_its_delta_link()
    {
        var (records, nextLink, deltaLink) = Read("""{"value":[],"@odata.deltaLink":"https://org/api/data/v9.2/contacts?$deltatoken=9"}""");

        records.Should().BeEmpty();
        nextLink.Should().BeNull();
        deltaLink.Should().Be("https://org/api/data/v9.2/contacts?$deltatoken=9");
    }

    [Theory]
    [InlineData("""{}""", "the required member 'value' is missing")]
    [InlineData("""{"value":5}""", "the member 'value' is Number, expected Array")]
    [InlineData("""{"value":["x"]}""", "a row of 'value' is String, expected Object")]
    [InlineData("""{"value":[{"modifiedon":"2025-01-01T00:00:00Z"}]}""", "the required member 'contactid' is missing")]
    [InlineData("""{"value":[{"contactid":1,"modifiedon":"2025-01-01T00:00:00Z"}]}""", "the member 'contactid' is Number, expected String")]
    [InlineData("""{"value":[{"contactid":"c1"}]}""", "the required member 'modifiedon' is missing")]
    [InlineData("""{"value":[{"contactid":"c1","modifiedon":"yesterday"}]}""", "contact c1 has a modifiedon that is not a date")]
    [InlineData("""{"value":[{"@odata.context":"x/$deletedEntity","reason":"deleted"}]}""", "the required member 'id' is missing")]
    [InlineData("""{"value":[],"@odata.nextLink":3}""", "the member '@odata.nextLink' is Number, expected String")]
    [InlineData("""{"value":[{"contactid":"c1","lastname":"someone""", "the body is not valid JSON")]
    [InlineData("""{"value":[]}]""", "the body is not valid JSON")]
    public void A_page_that_is_not_the_documented_shape_is_a_malformed_response_naming_the_endpoint(string body, string problem)
    {
        var read = () => Read(body);

        var failure = read.Should().Throw<CrmMalformedResponseException>().Which;
        failure.Endpoint.Should().Be(Endpoint);
        failure.Message.Should().StartWith($"dynamics {Endpoint} returned a malformed response (HTTP 200): ").And.Contain(problem);
        failure.Message.Should().NotContain("someone", "the body may hold personal data");
    }

    private static (List<CrmRecord> Records, string? NextLink, string? DeltaLink) Read(string body) =>
        DynamicsPageReader.Read(Encoding.UTF8.GetBytes(body), new JsonResponseReader(DynamicsClient.System, Endpoint, 200), ReadAt);
}
