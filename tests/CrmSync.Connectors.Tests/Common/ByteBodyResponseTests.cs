using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.Tests.Common;

public sealed class ByteBodyResponseTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"results":[{"id":"1","properties":{"firstname":"Inés"}}]}""");

    [Fact]
    public void A_success_keeps_the_body_bytes_headers_and_content_type_and_decodes_no_text()
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body), ReasonPhrase = "OK" };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        message.Headers.Add("X-HubSpot-Correlation-Id", "c-1");
        message.Headers.Add("Vary", ["Accept", "Origin"]);
        var request = new RestRequest("crm/v3/objects/contacts");

        var response = ByteBodyResponse.Create(message, request);

        response.RawBytes.Should().Equal(Body);
        response.Content.Should().BeNull("paged reads parse the bytes; decoding them to text is the cost this avoids");
        response.ContentType.Should().Be("application/json");
        response.ContentLength.Should().Be(Body.Length);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.IsSuccessStatusCode.Should().BeTrue();
        response.IsSuccessful.Should().BeTrue();
        response.IsAnswered().Should().BeTrue();
        response.Request.Should().BeSameAs(request);
        response.Headers!.Select(h => (h.Name, h.Value)).Should().BeEquivalentTo(
            [("X-HubSpot-Correlation-Id", "c-1"), ("Vary", "Accept"), ("Vary", "Origin")], "RestSharp lists one parameter per header value");
        response.ContentHeaders!.Should().ContainSingle(h => h.Name == "Content-Type").Which.Value.Should().Be("application/json; charset=utf-8");
    }

    [Fact]
    public void A_failure_is_an_answered_unsuccessful_response_with_its_error_body_and_retry_header()
    {
        var error = Encoding.UTF8.GetBytes("""{"status":"error","policyName":"TEN_SECONDLY_ROLLING"}""");
        using var message = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new ByteArrayContent(error) };
        message.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));

        var response = ByteBodyResponse.Create(message, new RestRequest("x"));

        response.IsAnswered().Should().BeTrue();
        response.IsSuccessStatusCode.Should().BeFalse();
        response.IsSuccessful.Should().BeFalse();
        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.RawBytes.Should().Equal(error);
        response.Headers!.Should().ContainSingle(h => h.Name == "Retry-After").Which.Value.Should().Be("2");
    }

    [Fact]
    public void A_body_of_unknown_length_is_read_whole()
    {
        using var message = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnseekableStream(Body)) };
        message.Content.Headers.ContentLength.Should().BeNull("the test needs a body whose length is not announced");

        ByteBodyResponse.Create(message, new RestRequest("x")).RawBytes.Should().Equal(Body);
    }

    [Fact]
    public void KeepingBodyAsBytes_buffers_the_body_before_the_writer_reads_it()
    {
        var request = new RestRequest("x") { CompletionOption = HttpCompletionOption.ResponseHeadersRead }.KeepingBodyAsBytes();

        request.CompletionOption.Should().Be(HttpCompletionOption.ResponseContentRead);
        request.AdvancedResponseWriter.Should().Be(new Func<HttpResponseMessage, RestRequest, RestResponse>(ByteBodyResponse.Create));
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
