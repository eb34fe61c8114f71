using System.Globalization;

namespace CrmSync.Core.Normalization;

/// <summary>
/// Dates and date-times in the forms both CRMs use: ISO 8601 (with or without offset; none means
/// UTC) and HubSpot's epoch milliseconds. Dates become <c>yyyy-MM-dd</c>; date-times UTC
/// <c>yyyy-MM-ddTHH:mm:ssZ</c>, truncated to seconds because Dataverse stores no milliseconds and a
/// millisecond difference must not ping-pong between the CRMs.
/// </summary>
public static class DateNormalizer
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static NormalizedValue NormalizeDate(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        if (DateOnly.TryParseExact(trimmed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Valid(date.ToString(DateFormat, CultureInfo.InvariantCulture));
        }

        // A HubSpot date is midnight UTC; an ISO date-time keeps the calendar date it was written with.
        return TryParseInstant(trimmed, out var instant, out var writtenDate)
            ? Valid((writtenDate ?? DateOnly.FromDateTime(instant.UtcDateTime)).ToString(DateFormat, CultureInfo.InvariantCulture))
            : NormalizedValue.Invalid(trimmed, "not a date (yyyy-MM-dd, ISO 8601 or epoch milliseconds)");
    }

    public static NormalizedValue NormalizeDateTime(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        if (DateOnly.TryParseExact(trimmed, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Valid(date.ToDateTime(TimeOnly.MinValue).ToString(DateTimeFormat, CultureInfo.InvariantCulture));
        }

        if (!TryParseInstant(trimmed, out var instant, out _))
        {
            return NormalizedValue.Invalid(trimmed, "not a date-time (ISO 8601 or epoch milliseconds)");
        }

        var seconds = instant.UtcDateTime.AddTicks(-(instant.UtcDateTime.Ticks % TimeSpan.TicksPerSecond));
        return Valid(seconds.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
    }

    /// <summary>Parses epoch milliseconds or an ISO date-time; <paramref name="writtenDate"/> is the calendar date as written in ISO text.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant, out DateOnly? writtenDate)
    {
        writtenDate = null;
        if (!text.AsSpan().ContainsAnyExceptInRange('0', '9') && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
        {
            writtenDate = DateOnly.TryParseExact(text.AsSpan(0, Math.Min(10, text.Length)), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : null;
            return true;
        }

        instant = default;
        return false;
    }

    private static NormalizedValue Valid(string canonical) => NormalizedValue.Valid(canonical, canonical);
}
