using CrmSync.Connectors.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Pure formatting and parsing pieces of the client: literals, ids, cursors, batch answers.</summary>
public sealed class DynamicsFormattingTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("x' or lastname ne 'y", "'x'' or lastname ne ''y'")]
    [InlineData("''", "''''''")]
    public void String_literals_double_their_quotes(string value, string literal) =>
        ODataLiteral.Quote(value).Should().Be(literal);

    [Fact]
    public void Datetime_literals_are_utc_to_the_second()
    {
        ODataLiteral.FromDateTime(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))).Should().Be("2025-01-02T01:04:05Z");
    }

    [Fact]
    public void Cursors_survive_persistence()
    {
        var watermark = DynamicsReadCursor.Watermark(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var delta = DynamicsReadCursor.Delta("https://org.crm.dynamics.com/api/data/v9.2/contacts?$select=firstname&$deltatoken=919042%2108%2F22%2F2017%2008%3A10%3A44");

        DynamicsReadCursor.Parse(watermark.ToString()).Should().Be(watermark);
        DynamicsReadCursor.Parse(delta.ToString()).DeltaLink.Should().Be(delta.DeltaLink);
        var act = () => DynamicsReadCursor.Parse("yesterday");
        act.Should().Throw<FormatException>().WithMessage("*yesterday*");
    }

    [Fact]
    public void A_documented_batch_response_maps_to_content_ids_statuses_and_bodies()
    {
        // Shape of the response example in "Execute batch operations using the Web API" (change set + GET).
        const string body =
            "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n" +
            "Content-Type: multipart/mixed; boundary=changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n\r\n" +
            "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\n" +
            "Location: [Organization URI]/api/data/v9.2/tasks(a59c24d8-ba21-e711-80d4-00155d0b4a1c)\r\n" +
            "OData-EntityId: [Organization URI]/api/data/v9.2/tasks(a59c24d8-ba21-e711-80d4-00155d0b4a1c)\r\n\r\n\r\n" +
            "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
            "HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n" +
            "{\"error\":{\"code\":\"0x80040237\",\"message\":\"A record with matching key values already exists.\"}}\r\n" +
            "--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb--\r\n" +
            "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n" +
            "{\"@odata.context\":\"[Organization URI]/api/data/v9.2/$metadata#tasks(subject)\",\"value\":[]}\r\n" +
            "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--\r\n";

        var answers = DynamicsBatchResponseReader.Read("multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f", body, m => new InvalidDataException(m));

        answers.Select(a => (a.ContentId, a.Status)).Should().Equal((1, 204), (2, 412), (null, 200));
        DynamicsServiceError.Read(System.Text.Encoding.UTF8.GetBytes(answers[1].Body)).Should().Be(
            new DynamicsServiceError("0x80040237", "A record with matching key values already exists."));
        answers[2].Body.Should().StartWith("{\"@odata.context\"");
    }

    [Theory]
    [InlineData("text/html", "<html></html>", "content type 'text/html'")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nnot a status line\r\n--b--", "no HTTP status line")]
    [InlineData("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n", "missing its closing")]
    public void A_broken_batch_answer_is_reported_with_what_is_wrong(string contentType, string body, string problem)
    {
        var act = () => DynamicsBatchResponseReader.Read(contentType, body, m => new InvalidDataException(m));

        act.Should().Throw<InvalidDataException>().WithMessage($"*{problem}*");
    }

    [Fact]
    public void Options_never_print_the_client_secret()
    {
        var options = new DynamicsClientOptions
        {
            OrgUri = new Uri("https://org.crm.dynamics.com"),
            TenantId = "tenant",
            ClientId = "client",
            ClientSecret = "s3cr3t-value",
        };

        options.ToString().Should().NotContain("s3cr3t-value");
    }
}
