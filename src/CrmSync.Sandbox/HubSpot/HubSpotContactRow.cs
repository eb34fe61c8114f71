using System.Globalization;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>An immutable copy of a contact taken under the store lock, to serialize outside it.</summary>
internal readonly record struct HubSpotContactRow(long Id, long CreatedMs, long ModifiedMs, long? ArchivedMs, string?[] Values)
{
    public string? Value(string propertyName) => propertyName switch
    {
        HubSpotContactSchema.ObjectId => Id.ToString(CultureInfo.InvariantCulture),
        HubSpotContactSchema.CreateDate => HubSpotTime.Format(CreatedMs),
        HubSpotContactSchema.LastModifiedDate => HubSpotTime.Format(ModifiedMs),
        _ => HubSpotContactSchema.TryGetWritableIndex(propertyName, out var index) ? Values[index] : null,
    };

    public HubSpotContactSnapshot ToSnapshot()
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in HubSpotContactSchema.All)
        {
            properties[property.Name] = Value(property.Name);
        }

        return new HubSpotContactSnapshot(
            Id,
            properties,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs),
            DateTimeOffset.FromUnixTimeMilliseconds(ModifiedMs),
            ArchivedMs.HasValue,
            ArchivedMs is { } archived ? DateTimeOffset.FromUnixTimeMilliseconds(archived) : null);
    }
}
