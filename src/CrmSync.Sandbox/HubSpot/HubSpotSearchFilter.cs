using System.Globalization;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// One search filter, parsed and type-checked: dates and ids compare as numbers (dates accept epoch
/// milliseconds or ISO-8601, as HubSpot does), strings compare case-insensitively.
/// </summary>
internal sealed class HubSpotSearchFilter
{
    private static readonly HashSet<string> Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    private HubSpotSearchFilter(string propertyName, string op, bool numeric)
    {
        PropertyName = propertyName;
        Operator = op;
        IsNumeric = numeric;
    }

    public string PropertyName { get; }

    public string Operator { get; }

    public bool IsNumeric { get; }

    public long Number { get; private init; }

    public long HighNumber { get; private init; }

    public string? Text { get; private init; }

    public string? HighText { get; private init; }

    public IReadOnlyList<string> Texts { get; private init; } = [];

    /// <summary>Parses a filter or says, in HubSpot's words, what is wrong with it.</summary>
    public static HubSpotSearchFilter Parse(string? propertyName, string? op, string? value, string? highValue, IReadOnlyList<string>? values, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(propertyName) || HubSpotContactSchema.Find(propertyName) is not { } property)
        {
            error = $"Invalid filter: property '{propertyName}' does not exist on CONTACT.";
            return null!;
        }

        if (op is null || !Operators.Contains(op))
        {
            error = $"Invalid filter operator '{op}' for property '{propertyName}'.";
            return null!;
        }

        var numeric = property.Type is "datetime" or "date" or "number";
        var needsValue = op is not ("HAS_PROPERTY" or "NOT_HAS_PROPERTY" or "IN" or "NOT_IN");
        if (needsValue && value is null)
        {
            error = $"Invalid filter: operator {op} on '{propertyName}' needs a value.";
            return null!;
        }

        if (op == "BETWEEN" && highValue is null)
        {
            error = $"Invalid filter: BETWEEN on '{propertyName}' needs a highValue.";
            return null!;
        }

        if (op is "IN" or "NOT_IN" && (values is null || values.Count == 0))
        {
            error = $"Invalid filter: {op} on '{propertyName}' needs values.";
            return null!;
        }

        long number = 0, high = 0;
        if (numeric && needsValue)
        {
            if (!TryParseNumber(value!, property.Type, out number) || (highValue is not null && !TryParseNumber(highValue, property.Type, out high)))
            {
                error = $"Invalid filter value '{value}' for {property.Type} property '{propertyName}': use epoch milliseconds or ISO-8601.";
                return null!;
            }
        }

        return new HubSpotSearchFilter(propertyName, op, numeric)
        {
            Number = number,
            HighNumber = high,
            Text = value,
            HighText = highValue,
            Texts = values ?? [],
        };
    }

    public bool Matches(long? number, string? text)
    {
        if (Operator == "HAS_PROPERTY")
        {
            return IsNumeric ? number.HasValue : !string.IsNullOrEmpty(text);
        }

        if (Operator == "NOT_HAS_PROPERTY")
        {
            return IsNumeric ? !number.HasValue : string.IsNullOrEmpty(text);
        }

        if (IsNumeric)
        {
            if (number is not { } n)
            {
                return Operator is "NEQ" or "NOT_IN";
            }

            return Operator switch
            {
                "EQ" => n == Number,
                "NEQ" => n != Number,
                "LT" => n < Number,
                "LTE" => n <= Number,
                "GT" => n > Number,
                "GTE" => n >= Number,
                "BETWEEN" => n >= Number && n <= HighNumber,
                "IN" => Texts.Any(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v == n),
                "NOT_IN" => !Texts.Any(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v == n),
                _ => false,
            };
        }

        var value = text ?? "";
        return Operator switch
        {
            "EQ" => string.Equals(value, Text, StringComparison.OrdinalIgnoreCase),
            "NEQ" => !string.Equals(value, Text, StringComparison.OrdinalIgnoreCase),
            "LT" => string.Compare(value, Text, StringComparison.OrdinalIgnoreCase) < 0,
            "LTE" => string.Compare(value, Text, StringComparison.OrdinalIgnoreCase) <= 0,
            "GT" => string.Compare(value, Text, StringComparison.OrdinalIgnoreCase) > 0,
            "GTE" => string.Compare(value, Text, StringComparison.OrdinalIgnoreCase) >= 0,
            "BETWEEN" => string.Compare(value, Text, StringComparison.OrdinalIgnoreCase) >= 0 && string.Compare(value, HighText, StringComparison.OrdinalIgnoreCase) <= 0,
            "IN" => Texts.Contains(value, StringComparer.OrdinalIgnoreCase),
            "NOT_IN" => !Texts.Contains(value, StringComparer.OrdinalIgnoreCase),
            "CONTAINS_TOKEN" => value.Contains(Text!.Trim('*'), StringComparison.OrdinalIgnoreCase),
            "NOT_CONTAINS_TOKEN" => !value.Contains(Text!.Trim('*'), StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Narrows [low, high] on this filter's property for index seeks; numeric filters only.</summary>
    public void Narrow(ref long low, ref long high)
    {
        switch (Operator)
        {
            case "EQ": low = Math.Max(low, Number); high = Math.Min(high, Number); break;
            case "GT": low = Math.Max(low, Number == long.MaxValue ? Number : Number + 1); break;
            case "GTE": low = Math.Max(low, Number); break;
            case "LT": high = Math.Min(high, Number == long.MinValue ? Number : Number - 1); break;
            case "LTE": high = Math.Min(high, Number); break;
            case "BETWEEN": low = Math.Max(low, Number); high = Math.Min(high, HighNumber); break;
        }
    }

    private static bool TryParseNumber(string value, string type, out long number)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (type is "datetime" or "date" && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            number = at.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
