using System.Globalization;
using CrmSync.Pipeline.Progress;

namespace CrmSync.Cli.Progress;

/// <summary>One stage's progress as a short line: records, pages, rate, and an ETA when the source gave a total.</summary>
internal static class ProgressText
{
    public static string Describe(StageProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var text = string.Create(CultureInfo.InvariantCulture, $"{progress.Stage}: {progress.RecordsRead:N0} records");
        if (progress.Pages is { } pages)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {pages:N0} pages");
        }

        text += string.Create(CultureInfo.InvariantCulture, $", {RecordsPerSecond(progress):N0} records/s");
        if (Remaining(progress) is { } remaining)
        {
            text += ", ETA " + remaining.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>Zero until time has passed, so the first report never divides by zero.</summary>
    public static double RecordsPerSecond(StageProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.Elapsed > TimeSpan.Zero ? progress.RecordsRead / progress.Elapsed.TotalSeconds : 0;
    }

    /// <summary>Time left at the rate so far; unknown without a total or before any record arrived.</summary>
    public static TimeSpan? Remaining(StageProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var rate = RecordsPerSecond(progress);
        if (progress.EstimatedTotal is not { } total || rate <= 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(Math.Max(0, total - progress.RecordsRead) / rate);
    }
}
