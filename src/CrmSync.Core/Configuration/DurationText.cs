using System.Globalization;

namespace CrmSync.Core.Configuration;

/// <summary>Parses durations written as <c>200ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c> or <c>hh:mm:ss</c>.</summary>
internal static class DurationText
{
    private static readonly (string Suffix, double MillisecondsPerUnit)[] Units =
    [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        foreach (var (suffix, perUnit) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var amount))
            {
                duration = TimeSpan.FromMilliseconds(amount * perUnit);
                return true;
            }
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out duration);
    }
}
