namespace CrmSync.Pipeline.Runs;

/// <summary>One pipeline stage. Plan fixes the parameters a replay needs; Execute does the work and runs its data tests.</summary>
internal interface IStage
{
    string Name { get; }

    /// <summary>Parameters recorded with the RUNNING row (e.g. the ingest window). Not called on resume.</summary>
    Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken);

    Task ExecuteAsync(StageContext context, CancellationToken cancellationToken);
}
