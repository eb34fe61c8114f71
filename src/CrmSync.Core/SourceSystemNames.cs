namespace CrmSync.Core;

/// <summary>Stable lower-case names of the CRMs, as stored in tables and keys.</summary>
public static class SourceSystemNames
{
    public const string HubSpot = "hubspot";
    public const string Dynamics = "dynamics";

    public static string Of(SourceSystem system) => system == SourceSystem.HubSpot ? HubSpot : Dynamics;
}
