using System.IO.Hashing;
using System.Text;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>
/// A source id as a 128-bit XXH3 hash of its UTF-8 bytes: what ingest's sets of ids and versions hold instead of the
/// strings (up to a whole lookback, about a million at 1M contacts). UTF-8, so bronze's source_id is hashed from the
/// bytes Parquet holds and a record's id gives the same hash. Two ids share a hash with a chance of about n² / 2^129
/// among n ids: none in any run.
/// </summary>
internal static class SourceIdHash
{
    /// <summary>Ids are GUIDs or numbers; longer ones are hashed from a heap copy.</summary>
    private const int StackBytes = 256;

    public static UInt128 Of(ReadOnlySpan<byte> utf8) => XxHash128.HashToUInt128(utf8);

    public static UInt128 Of(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var bytes = Encoding.UTF8.GetMaxByteCount(id.Length) <= StackBytes ? stackalloc byte[StackBytes] : new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        return Of(bytes[..Encoding.UTF8.GetBytes(id, bytes)]);
    }
}
