namespace CrmSync.Pipeline.Progress;

/// <summary>How far a running stage has got: records read so far, source pages read (null when the client streams
/// records without exposing its pages), time since the stage started, and the total to expect when the source says.</summary>
public sealed record StageProgress(string Stage, long RecordsRead, long? Pages, TimeSpan Elapsed, long? EstimatedTotal);
