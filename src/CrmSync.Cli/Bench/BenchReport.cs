using System.Globalization;
using CrmSync.Cli.Lake;

namespace CrmSync.Cli.Bench;

/// <summary>The summary table and the verdicts against the goals (write ≤ 1.3× the Parquet floor,
/// merge rewrites only files holding keys, 1M-row write under 1 GiB peak).</summary>
public static class BenchReport
{
    public const double WriteRatioGoal = 1.3;
    public const long PeakMemoryGoalBytes = 1L << 30;

    public static readonly string[] Headers = ["phase", "rows", "seconds", "cpu seconds", "rows/s", "peak working set", "allocated", "files", "size", "merge rewrote", "files read"];

    public static IReadOnlyList<IReadOnlyList<string?>> Rows(IEnumerable<PhaseResult> results) =>
        results.Select(r => (IReadOnlyList<string?>)
        [
            r.Phase.ToString(),
            Number(r.Rows),
            r.Seconds.ToString("0.00", CultureInfo.InvariantCulture),
            r.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            Number((long)r.RowsPerSecond),
            ByteSize.Format(r.PeakWorkingSetBytes),
            ByteSize.Format(r.AllocatedBytes),
            Number(r.Files),
            ByteSize.Format(r.Bytes),
            r.FilesRewritten is { } rewritten
                ? $"{rewritten} of {r.Files} files ({r.FilesHoldingKeys} hold keys)"
                    + (r.FilesWithNewDeletionVector is { } dvs ? $", {dvs} got a deletion vector" : "")
                : "-",
            r.FilesRead is { } read ? Number(read) : "-",
        ]).ToList();

    public static IEnumerable<string> Verdicts(IReadOnlyList<PhaseResult> results)
    {
        var write = results.FirstOrDefault(r => r.Phase == BenchPhase.DeltaWrite);
        if (write is null)
        {
            yield break;
        }

        foreach (var floor in results.Where(r => r.Phase is BenchPhase.ParquetSharpFloor or BenchPhase.ParquetNetFloor))
        {
            var ratio = write.Seconds / floor.Seconds;
            var cpuRatio = floor.CpuSeconds > 0 ? write.CpuSeconds / floor.CpuSeconds : 0;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"delta write / {floor.Phase}: {ratio:0.00}x wall, {cpuRatio:0.00}x cpu (goal <= {WriteRatioGoal}x): {(ratio <= WriteRatioGoal ? "met" : $"MISSED by {(ratio / WriteRatioGoal - 1) * 100:0}%")}");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"delta write peak working set: {ByteSize.Format(write.PeakWorkingSetBytes)} (goal < 1 GiB): {(write.PeakWorkingSetBytes < PeakMemoryGoalBytes ? "met" : "MISSED")}");
        foreach (var merge in results.Where(r => r.FilesRewritten is not null))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{merge.Phase}: rewrote {merge.FilesRewritten} of {merge.Files} files, {merge.FilesHoldingKeys} hold keys (goal: only those): {(merge.FilesRewritten <= merge.FilesHoldingKeys ? "met" : "MISSED")}");
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
