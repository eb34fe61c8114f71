using System.Text;
using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>The answer to one <see cref="DynamicsRequest"/>: status, headers and JSON body (if any).</summary>
internal sealed record DynamicsResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public static DynamicsResponse NoContent(IReadOnlyDictionary<string, string>? headers = null) => new(204, headers ?? NoHeaders, []);

    public static DynamicsResponse Json(int status, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? NoHeaders, StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json; odata.metadata=minimal",
            ["OData-Version"] = "4.0",
        };
        return new DynamicsResponse(status, all, body);
    }

    public static DynamicsResponse Error(DynamicsServiceException error)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Json(error.Status, buffer.ToArray());
    }

    public string BodyText => Encoding.UTF8.GetString(Body);
}
