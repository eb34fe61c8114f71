namespace CrmSync.Core;

/// <summary>The two CRMs kept in sync.</summary>
public enum SourceSystem
{
    HubSpot,
    Dynamics,
}
