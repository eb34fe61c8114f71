using System.Text.Json;

namespace CrmSync.Connectors.Common;

/// <summary>
/// What a one-pass <see cref="Utf8JsonReader"/> parse saw for one member: nothing (default), or the
/// value's kind and, for a string, its text. Members arrive in any order; keeping them lets the parse
/// check them afterwards in a fixed order, with <see cref="JsonResponseReader"/>'s messages.
/// </summary>
public readonly record struct JsonMember(JsonValueKind Kind, string? Text)
{
    public bool IsPresent => Kind != JsonValueKind.Undefined;

    /// <summary>The value at <paramref name="json"/>'s current token; leaves the reader on the value's last token.</summary>
    public static JsonMember Read(ref Utf8JsonReader json)
    {
        var kind = KindOf(json.TokenType);
        if (kind == JsonValueKind.String)
        {
            return new JsonMember(kind, json.GetString());
        }

        json.Skip();
        return new JsonMember(kind, null);
    }

    /// <summary>The kind of the value starting with <paramref name="token"/>, as <see cref="JsonElement.ValueKind"/> names it.</summary>
    public static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
