namespace CrmSync.Core.Configuration;

/// <summary>How changed Dynamics contacts are found.</summary>
public enum DynamicsReadMode
{
    /// <summary>Filter on modifiedon from the watermark minus the lookback.</summary>
    Incremental,

    /// <summary>Dataverse change tracking (delta links); also reports deletes.</summary>
    ChangeTracking,
}
