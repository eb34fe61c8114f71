namespace CrmSync.Core.Configuration;

/// <summary>Which value survives when the two CRMs disagree on a bi-directional field.</summary>
public enum ConflictRule
{
    HubSpotWins,
    DynamicsWins,

    /// <summary>The CRM where the field changed most recently wins.</summary>
    LatestWins,

    /// <summary>A person decides: the field is reported and not pushed until resolved.</summary>
    Manual,
}
