using System.Security.Cryptography;
using System.Text;

namespace CrmSync.Core.Deltas;

/// <summary>A stable key for one write: SHA-256 hex of target system, target id and payload.</summary>
public static class IdempotencyKey
{
    public static string For(SourceSystem target, string targetId, string payload)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(payload);
        var text = SourceSystemNames.Of(target) + "\n" + targetId + "\n" + payload;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
