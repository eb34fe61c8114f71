using System.Text;
using System.Text.Json;

namespace CrmSync.Connectors.Common;

/// <summary>The JSON text of a value, sliced from the bytes being read (what <see cref="JsonElement.GetRawText"/> gives).</summary>
internal static class JsonText
{
    /// <param name="json">On the value's first token; left on its last.</param>
    /// <param name="body">The bytes <paramref name="json"/> reads.</param>
    public static string Of(ref Utf8JsonReader json, ReadOnlySpan<byte> body)
    {
        var start = (int)json.TokenStartIndex;
        json.Skip();
        return Encoding.UTF8.GetString(body[start..(int)json.BytesConsumed]);
    }
}
