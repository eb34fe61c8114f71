namespace CrmSync.Core.Normalization;

/// <summary>Boolean: true/false, 1/0, yes/no, y/n, on/off in any case become "true" or "false".</summary>
public static class BooleanNormalizer
{
    public const string True = "true";
    public const string False = "false";

    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        var value = trimmed.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "Y" or "ON" => True,
            "FALSE" or "0" or "NO" or "N" or "OFF" => False,
            _ => null,
        };
        return value is null
            ? NormalizedValue.Invalid(trimmed, "not a boolean (true/false, 1/0, yes/no)")
            : NormalizedValue.Valid(value, value);
    }
}
