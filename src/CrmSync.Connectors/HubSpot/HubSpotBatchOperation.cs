namespace CrmSync.Connectors.HubSpot;

/// <summary>The batch write endpoints the client uses.</summary>
public enum HubSpotBatchOperation
{
    Create,
    Update,
    Upsert,
}
