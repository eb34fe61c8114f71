using System.Globalization;
using CrmSync.Core.Contacts;

namespace CrmSync.Core.Identity;

/// <summary>
/// The ids CrmSync mints, all deterministic so a rerun after a crash mints the same ones.
/// </summary>
public static class ContactIds
{
    private const int StackChars = 128;

    /// <summary>CrmSync's own UUID namespace.</summary>
    public static readonly Guid Namespace = new("5b0c7f3e-2a41-4c8e-9d53-6f1e8a7c2b90");

    /// <summary>The unified_contact_id of a person first seen as <paramref name="firstRecord"/> (UUID v5 of "hubspot:123").</summary>
    public static string UnifiedIdFor(SourceKey firstRecord)
    {
        // Called per new record on a full run: the key's text goes on the stack unless the id is unusually long.
        Span<char> name = stackalloc char[StackChars];
        var id = firstRecord.TryFormat(name, out var written)
            ? DeterministicGuid.Create(Namespace, name[..written])
            : DeterministicGuid.Create(Namespace, firstRecord.ToString());
        return id.ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>The contactid a Dynamics CREATE for this unified contact uses, so a retried create upserts the same row.</summary>
    public static string DynamicsContactIdFor(string unifiedContactId) =>
        DeterministicGuid.Create(Namespace, "dynamics-create:" + unifiedContactId).ToString("D", CultureInfo.InvariantCulture);
}
