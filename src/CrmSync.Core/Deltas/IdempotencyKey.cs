using CrmSync.Core.Hashing;

namespace CrmSync.Core.Deltas;

/// <summary>A stable key for one write: SHA-256 hex of target system, target id and payload.</summary>
public static class IdempotencyKey
{
    private const byte Separator = (byte)'\n';
    private const int StackBytes = 1024;

    public static string For(SourceSystem target, string targetId, string payload)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(payload);
        // The separators are ASCII, so encoding the parts one by one gives the bytes of "target\nid\npayload".
        var text = new Utf8Scratch(stackalloc byte[StackBytes]);
        try
        {
            text.Append(SourceSystemNames.Of(target));
            text.Append(Separator);
            text.Append(targetId);
            text.Append(Separator);
            text.Append(payload);
            return text.ToSha256Hex();
        }
        finally
        {
            text.Dispose();
        }
    }
}
