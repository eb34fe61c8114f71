namespace CrmSync.Lake.Protocol;

/// <summary>One line of a Delta commit file (or one row of a checkpoint).</summary>
public abstract record DeltaAction;
