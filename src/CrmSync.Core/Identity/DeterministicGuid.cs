using System.Security.Cryptography;
using CrmSync.Core.Hashing;

namespace CrmSync.Core.Identity;

/// <summary>Name-based UUID version 5 (RFC 9562): the same namespace and name always give the same id.</summary>
public static class DeterministicGuid
{
    private const int NamespaceBytes = 16;
    private const int StackBytes = 256;

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Create(namespaceId, name.AsSpan());
    }

    public static Guid Create(Guid namespaceId, ReadOnlySpan<char> name)
    {
        var data = new Utf8Scratch(stackalloc byte[StackBytes]);
        try
        {
            Span<byte> namespaceBytes = stackalloc byte[NamespaceBytes];
            namespaceId.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
            data.Append(namespaceBytes);
            data.Append(name);
            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // UUID v5 is defined on SHA-1; it is an identifier, not a security measure.
            SHA1.HashData(data.Written, hash);
#pragma warning restore CA5350
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash[..NamespaceBytes], bigEndian: true);
        }
        finally
        {
            data.Dispose();
        }
    }
}
