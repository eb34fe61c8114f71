using System.Globalization;
using System.Text;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Writes a $batch body (multipart/mixed, CRLF line ends) of PATCH contacts(&lt;id&gt;) operations
/// grouped in change sets, each operation with a Content-ID (1..n, unique in the batch) so its
/// answer maps back to its input.
/// </summary>
internal static class DynamicsBatchRequestWriter
{
    public sealed record Operation(int ContentId, Guid ContactId, bool IsCreate, string JsonBody);

    public static (string ContentType, string Body) Write(string servicePath, IReadOnlyList<Operation> operations, int changeSetSize, string batchId)
    {
        var batchBoundary = "batch_" + batchId;
        var body = new StringBuilder(operations.Count * 400);
        for (var start = 0; start < operations.Count; start += changeSetSize)
        {
            var changeSetBoundary = "changeset_" + batchId + "_" + start.ToString(CultureInfo.InvariantCulture);
            body.Append("--").Append(batchBoundary).Append("\r\n")
                .Append("Content-Type: multipart/mixed; boundary=").Append(changeSetBoundary).Append("\r\n\r\n");
            foreach (var operation in operations.Skip(start).Take(changeSetSize))
            {
                body.Append("--").Append(changeSetBoundary).Append("\r\n")
                    .Append("Content-Type: application/http\r\n")
                    .Append("Content-Transfer-Encoding: binary\r\n")
                    .Append("Content-ID: ").Append(operation.ContentId.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n")
                    .Append("PATCH ").Append(servicePath).Append("contacts(").Append(operation.ContactId.ToString("D")).Append(") HTTP/1.1\r\n")
                    .Append("Content-Type: application/json\r\n")
                    .Append(operation.IsCreate ? "If-None-Match: *\r\n" : "If-Match: *\r\n")
                    .Append("\r\n")
                    .Append(operation.JsonBody).Append("\r\n");
            }
            body.Append("--").Append(changeSetBoundary).Append("--\r\n");
        }
        body.Append("--").Append(batchBoundary).Append("--\r\n");
        return ($"multipart/mixed; boundary={batchBoundary}", body.ToString());
    }
}
