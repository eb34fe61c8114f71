using System.IO.Hashing;
using System.Text;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// bronze's payload_hash: XXH64 (seed 0) of the payload's UTF-8 bytes, as a signed long (Delta has no unsigned type).
/// The same in every process and on every machine, so a run compares what it reads with what earlier runs wrote
/// without reading their payloads.
/// </summary>
internal static class PayloadHash
{
    /// <summary>The hash of a payload as the connector received it: the UTF-8 bytes bronze stores.</summary>
    public static long Of(ReadOnlySpan<byte> utf8) => unchecked((long)XxHash64.HashToUInt64(utf8));

    /// <summary>The hash of a payload as bronze returns it (rows written before the column existed).</summary>
    public static long Of(string payload) => Of(Encoding.UTF8.GetBytes(payload));
}
