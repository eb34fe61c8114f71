using System.Net;
using System.Text;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using RestSharp;

namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>Response mapping for shapes the emulator does not produce: no trace ids echoed, inputs left out.</summary>
public sealed class HubSpotBatchResultMapperTests
{
    private static readonly ApiCall Call = new("batch_update", Method.Post, "/crm/v3/objects/contacts/batch/update", 3);

    private static readonly HubSpotWriteInput[] Inputs =
    [
        new("a", "101", new Dictionary<string, string?>()),
        new("b", "102", new Dictionary<string, string?>()),
        new("c", "103", new Dictionary<string, string?>()),
    ];

    [Fact]
    public void Results_and_errors_without_trace_ids_map_by_id_and_an_unmentioned_input_fails_clearly()
    {
        var response = Response(HttpStatusCode.MultiStatus, """
            {"status":"COMPLETE","results":[{"id":"102","properties":{}}],"numErrors":2,
             "errors":[{"status":"error","category":"OBJECT_NOT_FOUND","message":"Could not get some CONTACT objects","context":{"ids":["101"]}},
                       {"status":"error","category":"VALIDATION_ERROR","message":"something about an unknown input","context":{"ids":["999"]}}]}
            """);

        var results = HubSpotBatchResultMapper.Map(HubSpotBatchOperation.Update, Inputs, null, Call, response).Value;

        results.Select(r => r.InputKey).Should().Equal("a", "b", "c");
        results[0].Should().BeEquivalentTo(new { Succeeded = false, Status = 404, ErrorCode = "OBJECT_NOT_FOUND" });
        results[1].Should().BeEquivalentTo(new { Succeeded = true, Id = "102" });
        results[2].Should().BeEquivalentTo(new { Succeeded = false, ErrorCode = HubSpotBatchResultMapper.MissingFromResponse, Retryable = true });
        results[2].Message.Should().Contain("without a result or an error for this input").And.Contain("something about an unknown input");
    }

    [Fact]
    public void A_207_body_without_results_is_malformed_not_a_silent_loss()
    {
        var response = Response(HttpStatusCode.MultiStatus, """{"status":"COMPLETE","numErrors":0}""");

        var map = () => HubSpotBatchResultMapper.Map(HubSpotBatchOperation.Update, Inputs, null, Call, response);

        map.Should().Throw<CrmMalformedResponseException>().WithMessage("*batch/update*'results' is missing*");
    }

    private static RestResponse Response(HttpStatusCode status, string body) => new(new RestRequest())
    {
        StatusCode = status,
        IsSuccessStatusCode = true,
        RawBytes = Encoding.UTF8.GetBytes(body),
        Content = body,
        ContentType = "application/json",
        ResponseStatus = ResponseStatus.Completed,
    };
}
