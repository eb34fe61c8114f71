namespace CrmSync.Core.Configuration;

/// <summary>Which CRM(s) a field is written to.</summary>
public enum SyncDirection
{
    /// <summary>Both ways; the conflict rule decides the value.</summary>
    Bi,

    /// <summary>Dynamics is the source of truth; only HubSpot is written.</summary>
    ToHubSpot,

    /// <summary>HubSpot is the source of truth; only Dynamics is written.</summary>
    ToDynamics,
}
