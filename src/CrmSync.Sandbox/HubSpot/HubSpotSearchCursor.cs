using System.Globalization;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// The search <c>after</c> value. Real HubSpot sends a plain offset ("200"); the emulator appends the
/// last sort key and the total ("200.1717000000000.100245.15000") so the next page is an index seek
/// instead of a scan. Clients treat it as opaque; a plain offset is still accepted.
/// </summary>
internal readonly record struct HubSpotSearchCursor(int Offset, HubSpotSearchCursor.Key? SeekKey, int? Total)
{
    public static HubSpotSearchCursor? Parse(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return new HubSpotSearchCursor(0, null, null);
        }

        var parts = after.Split('.');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new HubSpotSearchCursor(offset, null, null);
        }

        if (parts.Length == 4
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var primary)
            && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var secondary)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return new HubSpotSearchCursor(offset, new Key(primary, secondary), total);
        }

        if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var onlyTotal))
        {
            return new HubSpotSearchCursor(offset, null, onlyTotal);
        }

        return null;
    }

    public override string ToString() => SeekKey is { } key
        ? string.Create(CultureInfo.InvariantCulture, $"{Offset}.{key.Primary}.{key.Secondary}.{Total}")
        : string.Create(CultureInfo.InvariantCulture, $"{Offset}.{Total}");

    /// <summary>The last returned (lastmodifieddate, id), or (id, 0) when sorted by id.</summary>
    public readonly record struct Key(long Primary, long Secondary);
}
