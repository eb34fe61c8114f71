namespace CrmSync.Pipeline.Operations.Convergence;

/// <summary>A CRM record the sync deliberately leaves alone (silver.crosswalk_conflicts), so it is not compared.</summary>
public sealed record ExcludedRecord(string System, string SourceId, string Reason);
