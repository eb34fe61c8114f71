using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// One full read through a client read path. Client CPU is this process's CPU time; with the
/// emulator in a child process it is the client's alone, and the emulator's is measured apart.
/// </summary>
/// <param name="Path">"list", "search" (HubSpot) or "incremental" (Dynamics).</param>
/// <param name="EmulatorCpuSeconds">Null when the emulator ran in this process (its CPU is in ClientCpuSeconds).</param>
public sealed record ReadResult(
    CrmSystem System,
    string Path,
    int Records,
    int Requests,
    double Seconds,
    double ClientCpuSeconds,
    double? EmulatorCpuSeconds)
{
    public double RecordsPerSecond => Seconds > 0 ? Records / Seconds : 0;

    public double ClientCpuShare => Seconds > 0 ? ClientCpuSeconds / Seconds : 0;
}
