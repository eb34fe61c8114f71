using System.Globalization;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>Tables and goal verdicts for `crmsync bench connectors`.</summary>
public static class ConnectorBenchReport
{
    public const double MinimumBudgetUse = 0.9;
    public const double MaximumClientCpuShare = 0.2;

    public static readonly IReadOnlyList<string> ReadHeaders =
        ["system", "path", "pass", "records", "requests", "wall s", "records/s", "client CPU s", "client CPU % of wall", "client µs/record", "emulator CPU s", "emulator µs/record"];

    public static readonly IReadOnlyList<string> PushHeaders =
        ["system", "updates", "failed", "requests sent", "received", "429 seen", "429 served", "budget", "1st window s", "wall s", "CPU s", "req/s", "budget use"];

    public static IReadOnlyList<IReadOnlyList<string?>> ReadRows(IEnumerable<ReadResult> results) =>
    [
        .. results.Select(r => (IReadOnlyList<string?>)
        [
            r.System.ToString(), r.Path, Pass(r.Pass), Number(r.Records), Number(r.Requests), Fixed(r.Seconds, "0.0"), Number(r.RecordsPerSecond),
            Fixed(r.ClientCpuSeconds, "0.0"), Percent(r.ClientCpuShare), Fixed(r.ClientMicrosecondsPerRecord, "0.0"),
            r.EmulatorCpuSeconds is { } emulator ? Fixed(emulator, "0.0") : "in process",
            r.EmulatorMicrosecondsPerRecord is { } emulatorPerRecord ? Fixed(emulatorPerRecord, "0.0") : "",
        ]),
    ];

    public static IReadOnlyList<IReadOnlyList<string?>> PushRows(IEnumerable<PushResult> results) =>
    [
        .. results.Select(r => (IReadOnlyList<string?>)
        [
            r.System.ToString(), Number(r.Updates), Number(r.Failed), Number(r.RequestsSent), Number(r.RequestsReceived), Number(r.ThrottledSeen),
            Number(r.ThrottledServed), $"{Number(r.Budget.Requests)}/{Fixed(r.Budget.Window.TotalSeconds, "0.#")}s x{Number(r.Budget.BatchSize)}",
            Fixed(r.FirstWindowSeconds, "0.0"), Fixed(r.Seconds, "0.0"), Fixed(r.CpuSeconds, "0.0"), $"{Fixed(r.AchievedPerSecond, "0.0")} of {Fixed(r.Budget.AllowedPerSecond, "0.0")}",
            r.BudgetUse is { } use ? Percent(use) : "one window",
        ]),
    ];

    /// <summary>One line per goal: met or missed, with the figure that decides it.</summary>
    public static IEnumerable<string> Verdicts(IEnumerable<ReadResult> reads, IEnumerable<PushResult> pushes)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(pushes);
        foreach (var push in pushes)
        {
            var throttled = Math.Max(push.ThrottledSeen, push.ThrottledServed);
            var use = push.BudgetUse is { } share ? $"{Percent(share)} of the budget" : "not rate bound (fits one window)";
            var met = throttled == 0 && push.BudgetUse is >= MinimumBudgetUse;
            yield return $"{(met ? "met" : "MISSED")}: {push.System} push {use}, {Number(throttled)} 429s (goal: >= {Percent(MinimumBudgetUse)}, zero 429s)";
        }

        foreach (var read in reads)
        {
            if (read.EmulatorCpuSeconds is null)
            {
                yield return $"not judged: {read.System} {read.Path} read had the emulator in this process, so client CPU includes it";
                continue;
            }

            var met = read.ClientCpuShare < MaximumClientCpuShare;
            var pass = read.Pass == 1 ? "" : " pass " + Pass(read.Pass);
            yield return $"{(met ? "met" : "MISSED")}: {read.System} {read.Path} read{pass} client CPU {Percent(read.ClientCpuShare)} of wall (goal: < {Percent(MaximumClientCpuShare)})";
        }
    }

    private static string Pass(int pass) => pass == 1 ? "1 (cold)" : pass.ToString(CultureInfo.InvariantCulture) + " (warm)";

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
