using CrmSync.Core;
using CrmSync.Core.Crosswalk;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>One person's linked records: at most one per CRM (IsValid false when the crosswalk breaks that).</summary>
internal sealed record PersonRecords(string UnifiedContactId, string? HubSpotId, string? DynamicsId, bool IsValid)
{
    public static PersonRecords Of(string unifiedContactId, IEnumerable<CrosswalkLink> links)
    {
        string? hubspot = null, dynamics = null;
        var valid = true;
        foreach (var link in links)
        {
            ref var slot = ref link.System == SourceSystem.HubSpot ? ref hubspot : ref dynamics;
            valid &= slot is null || slot == link.SourceId;
            slot = link.SourceId;
        }

        return new PersonRecords(unifiedContactId, hubspot, dynamics, valid);
    }
}
