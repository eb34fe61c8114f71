namespace CrmSync.Core.Normalization;

/// <summary>The result of normalizing one raw value.</summary>
/// <param name="Value">Canonical form compared across CRMs; null when empty.</param>
/// <param name="Text">Trimmed original text; null when empty.</param>
/// <param name="Problem">Why the raw value could not be read as its type (then Value is the trimmed
/// text, so nothing is lost and comparisons stay stable); null when fine.</param>
public readonly record struct NormalizedValue(string? Value, string? Text, string? Problem)
{
    public static NormalizedValue Empty => default;

    public bool IsValid => Problem is null;

    public static NormalizedValue Valid(string value, string text) => new(value, text, null);

    public static NormalizedValue Invalid(string text, string problem) => new(text, text, problem);
}
