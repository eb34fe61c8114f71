using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Bench;

/// <summary>One stage of one run of `crmsync bench pipeline`, with what this process spent on it.</summary>
/// <param name="Run">full, settle (read-back), incremental 0.1%, ...</param>
/// <param name="Result">The stage's own result (duration, source wait, counts).</param>
/// <param name="PeakBytes">The process's peak working set while the stage ran (sampled).</param>
/// <param name="Cpu">The process's CPU time (all threads).</param>
/// <param name="AllocatedBytes">Managed bytes allocated: steadier than time from run to run, and what garbage
/// collection follows. Server GC's running total can lag across a change of its heap count, moving some allocation to
/// the next stage; a run's sum is right.</param>
/// <param name="GcPause">Time the runtime was paused for garbage collections.</param>
public sealed record StageMeasurement(string Run, StageResult Result, long PeakBytes, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause);
