namespace CrmSync.Connectors.Dynamics;

/// <summary>How incremental reads find what changed.</summary>
public enum DynamicsReadMode
{
    /// <summary>$filter=modifiedon ge &lt;watermark&gt;, ordered by (modifiedon, contactid). Sees no deletes.</summary>
    ModifiedOn,

    /// <summary>Prefer: odata.track-changes with delta links; reports deletes. Needs "Track changes" on the table.</summary>
    ChangeTracking,
}
