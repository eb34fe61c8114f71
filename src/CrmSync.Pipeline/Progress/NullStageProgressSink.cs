namespace CrmSync.Pipeline.Progress;

/// <summary>Drops every report: the default when nobody watches (tests, library use).</summary>
public sealed class NullStageProgressSink : IStageProgressSink
{
    public static NullStageProgressSink Instance { get; } = new();

    private NullStageProgressSink()
    {
    }

    public void Report(StageProgress progress)
    {
    }
}
