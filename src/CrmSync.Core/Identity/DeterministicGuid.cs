using System.Security.Cryptography;
using System.Text;

namespace CrmSync.Core.Identity;

/// <summary>Name-based UUID version 5 (RFC 9562): the same namespace and name always give the same id.</summary>
public static class DeterministicGuid
{
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(data, bigEndian: true, out _);
        nameBytes.CopyTo(data, 16);
#pragma warning disable CA5350 // UUID v5 is defined on SHA-1; it is an identifier, not a security measure.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
