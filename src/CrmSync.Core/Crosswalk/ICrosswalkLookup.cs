using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>Read access to the existing crosswalk, so the pipeline can back it by memory or by table queries.</summary>
public interface ICrosswalkLookup
{
    CrosswalkLink? FindBySource(SourceKey record);

    /// <summary>Links whose record currently holds <paramref name="normalizedEmail"/>.</summary>
    IReadOnlyList<CrosswalkLink> FindByEmail(string normalizedEmail);

    /// <summary>All records linked to one person (at most one per CRM).</summary>
    IReadOnlyList<CrosswalkLink> FindByUnifiedId(string unifiedContactId);
}
