using System.Globalization;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Where the next incremental read starts; the caller persists <see cref="ToString"/> and gives it
/// back through <see cref="Parse"/>. Either a modifiedon watermark or a change-tracking delta link
/// (kept exactly as the service gave it).
/// </summary>
public sealed record DynamicsReadCursor
{
    private const string WatermarkPrefix = "modifiedon:";
    private const string DeltaPrefix = "delta:";

    private DynamicsReadCursor(DateTimeOffset? modifiedSince, string? deltaLink)
    {
        ModifiedSince = modifiedSince;
        DeltaLink = deltaLink;
    }

    /// <summary>Read records with modifiedon at or after this instant (records at the instant are read again).</summary>
    public DateTimeOffset? ModifiedSince { get; }

    /// <summary>The @odata.deltaLink of the previous change-tracking read.</summary>
    public string? DeltaLink { get; }

    public static DynamicsReadCursor Watermark(DateTimeOffset modifiedSince) => new(modifiedSince.ToUniversalTime(), null);

    public static DynamicsReadCursor Delta(string deltaLink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deltaLink);
        return new DynamicsReadCursor(null, deltaLink);
    }

    public override string ToString() => DeltaLink is not null
        ? DeltaPrefix + DeltaLink
        : WatermarkPrefix + ModifiedSince!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static DynamicsReadCursor Parse(string persisted)
    {
        ArgumentNullException.ThrowIfNull(persisted);
        if (persisted.StartsWith(DeltaPrefix, StringComparison.Ordinal)) return Delta(persisted[DeltaPrefix.Length..]);
        if (persisted.StartsWith(WatermarkPrefix, StringComparison.Ordinal)
            && DateTimeOffset.TryParse(persisted[WatermarkPrefix.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return Watermark(at);
        throw new FormatException($"'{persisted}' is not a Dynamics read cursor (expected '{WatermarkPrefix}<ISO-8601>' or '{DeltaPrefix}<delta link>').");
    }
}
