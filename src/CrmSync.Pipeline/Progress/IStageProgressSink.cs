namespace CrmSync.Pipeline.Progress;

/// <summary>Receives progress from long stages, e.g. to draw a status line; called on the stage's thread, so keep it cheap.</summary>
public interface IStageProgressSink
{
    void Report(StageProgress progress);
}
