using CrmSync.Cli.Output;
using CrmSync.Pipeline.Progress;

namespace CrmSync.Cli.Progress;

/// <summary>
/// Shows stage progress on the console. On a terminal: a live status line, rewritten on every report and cleared by
/// the next printed line. When redirected (CI, Databricks): a timestamped line per stage at most every
/// <see cref="PlainInterval"/>, starting one interval after the first report, so short stages add no lines and the
/// stage's Completed line stays the last word.
/// </summary>
internal sealed class ConsoleProgressSink(CliConsole console, TimeProvider clock) : IStageProgressSink
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastPlainLine = new(StringComparer.Ordinal);

    public void Report(StageProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (console.IsInteractive)
        {
            console.Status(ProgressText.Describe(progress));
            return;
        }

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_lastPlainLine.TryGetValue(progress.Stage, out var last))
            {
                _lastPlainLine[progress.Stage] = now;
                return;
            }

            if (now - last < PlainInterval)
            {
                return;
            }

            _lastPlainLine[progress.Stage] = now;
            console.Info(ProgressText.Describe(progress));
        }
    }
}
