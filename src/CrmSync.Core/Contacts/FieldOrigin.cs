namespace CrmSync.Core.Contacts;

/// <summary>Where a unified field's value came from.</summary>
public enum FieldOrigin
{
    /// <summary>Neither CRM has a value.</summary>
    None,
    HubSpot,
    Dynamics,

    /// <summary>A person chose the value for a manual field.</summary>
    ManualOverride,

    /// <summary>A manual field the CRMs disagree on and nobody has decided: not pushed.</summary>
    Unresolved,
}
