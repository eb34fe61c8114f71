namespace CrmSync.Core.Crosswalk;

/// <summary>Why a record could not be linked.</summary>
public enum CrosswalkConflictReason
{
    /// <summary>Another record of the same CRM holds this email and was linked instead.</summary>
    DuplicateEmail,

    /// <summary>The person holding this email already has a (differently addressed) record in this CRM.</summary>
    ContactAlreadyLinked,

    /// <summary>Several people hold this email; linking to one would be a guess.</summary>
    AmbiguousEmail,
}
