using System.Text;

namespace CrmSync.Lake.Protocol;

/// <summary>
/// Paths in add/remove actions are URL-encoded URIs. Decoding is percent-decoding only ('+' stays '+');
/// encoding escapes what Hadoop's Path escapes in partition directory names, plus '%' itself.
/// </summary>
public static class PathCodec
{
    public static string Decode(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
            return path;
        var sb = new StringBuilder(path.Length);
        var pending = new List<byte>();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 2 < path.Length && Uri.IsHexDigit(path[i + 1]) && Uri.IsHexDigit(path[i + 2]))
            {
                // Consecutive %XX escapes form one UTF-8 sequence.
                pending.Add((byte)((HexValue(path[i + 1]) << 4) | HexValue(path[i + 2])));
                i += 2;
                continue;
            }

            Flush(sb, pending);
            sb.Append(path[i]);
        }

        Flush(sb, pending);
        return sb.ToString();
    }

    private static void Flush(StringBuilder sb, List<byte> pending)
    {
        if (pending.Count == 0)
            return;
        sb.Append(Encoding.UTF8.GetString(pending.ToArray()));
        pending.Clear();
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Escapes a partition value for use in a <c>col=value</c> directory name (Hive/Spark escaping).</summary>
    public static string EscapePartitionValue(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>URL-encodes a store path for the log: '%' and characters unsafe in a URI path become %XX (UTF-8).</summary>
    public static string EncodeForLog(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "/-_.~=!$&'()*+,;:@".Contains(c, StringComparison.Ordinal)))
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\' or '\u007F' or '{' or '[' or ']' or '^';
}
