using CrmSync.Cli.Output;
using Microsoft.Extensions.Logging;

namespace CrmSync.Cli.Progress;

/// <summary>
/// Routes the pipeline's and connectors' log messages to the console: stage starts and completions as progress
/// lines, retries and warnings to stderr; per-call HTTP lines (Debug) only with --verbose. Connectors never log tokens or field
/// values, so nothing secret reaches the console. A warning repeated per record (same message template) is
/// shown <see cref="RepeatsShown"/> times, then counted, unless --verbose. Lines are serialized because stages
/// log from parallel calls.
/// </summary>
internal sealed class ConsoleLoggerFactory(CliConsole console) : ILoggerFactory
{
    public const int RepeatsShown = 3;
    private const string TemplateKey = "{OriginalFormat}";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    private bool Verbose => console.IsVerbose;

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <summary>Says how many repeated warnings were held back, per message template.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (template, count) in _seen.Where(s => s.Value > RepeatsShown))
            {
                console.Info($"({count - RepeatsShown} more warnings like \"{template}\" not shown; --verbose shows every one)");
            }

            _seen.Clear();
        }
    }

    private void Write(LogLevel level, string? template, string message)
    {
        lock (_gate)
        {
            if (level == LogLevel.Warning && template is not null && !console.IsVerbose)
            {
                var count = _seen[template] = _seen.GetValueOrDefault(template) + 1;
                if (count > RepeatsShown)
                {
                    return;
                }
            }

            switch (level)
            {
                case LogLevel.Trace or LogLevel.Debug:
                    console.Detail(message);
                    break;
                case LogLevel.Information:
                    console.Info(message);
                    break;
                default:
                    console.Error($"{(level == LogLevel.Warning ? "warning" : "error")}: {message}");
                    break;
            }
        }
    }

    private sealed class ConsoleLogger(ConsoleLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (logLevel >= LogLevel.Information || factory.Verbose);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var template = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == TemplateKey).Value as string
                : null;
            var message = formatter(state, exception);
            factory.Write(logLevel, template, exception is null ? message : $"{message}: {exception.Message}");
        }
    }
}
