using System.Globalization;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>HubSpot's timestamp text: ISO-8601 UTC with milliseconds, e.g. 2024-05-01T12:00:00.123Z.</summary>
internal static class HubSpotTime
{
    public static string Format(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
