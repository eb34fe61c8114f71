using System.Security.Cryptography;
using System.Text;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Name-based UUID version 5 (RFC 9562, SHA-1) of a stable key such as "hubspot:12345": the same
/// key always gives the same contactid, so a create can be retried (or replayed) without making a
/// duplicate.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The namespace of CrmSync's contact ids (a fixed random UUID).</summary>
    public static readonly Guid CrmSyncNamespace = new("5b0c3b4e-8f5e-4d6a-9a5d-2f1c7e3b9d10");

    public static Guid FromKey(string key) => Create(CrmSyncNamespace, key);

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> namespaceBytes = stackalloc byte[16];
        namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5; it is not used for security here.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
