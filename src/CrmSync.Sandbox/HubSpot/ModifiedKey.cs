namespace CrmSync.Sandbox.HubSpot;

/// <summary>Sort key (lastmodifieddate, id): unique per contact, the order incremental reads page in.</summary>
internal readonly record struct ModifiedKey(long ModifiedMs, long Id) : IComparable<ModifiedKey>
{
    public int CompareTo(ModifiedKey other)
    {
        var byTime = ModifiedMs.CompareTo(other.ModifiedMs);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }
}
