using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// One full read through a client read path. Client CPU is this process's CPU time; with the
/// emulator in a child process it is the client's alone, and the emulator's is measured apart.
/// </summary>
/// <param name="Path">"list", "search" (HubSpot) or "incremental" (Dynamics).</param>
/// <param name="EmulatorCpuSeconds">Null when the emulator ran in this process (its CPU is in ClientCpuSeconds).</param>
/// <param name="Pass">1 for the first read of the path (both processes cold), 2.. for the next ones (warm).</param>
public sealed record ReadResult(
    CrmSystem System,
    string Path,
    int Records,
    int Requests,
    double Seconds,
    double ClientCpuSeconds,
    double? EmulatorCpuSeconds,
    int Pass = 1)
{
    public double RecordsPerSecond => Seconds > 0 ? Records / Seconds : 0;

    public double ClientCpuShare => Seconds > 0 ? ClientCpuSeconds / Seconds : 0;

    public double ClientMicrosecondsPerRecord => Records > 0 ? ClientCpuSeconds * 1e6 / Records : 0;

    public double? EmulatorMicrosecondsPerRecord => Records > 0 ? EmulatorCpuSeconds * 1e6 / Records : null;
}
