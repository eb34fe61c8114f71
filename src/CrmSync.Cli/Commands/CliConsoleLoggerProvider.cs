using CrmSync.Cli.Output;
using Microsoft.Extensions.Logging;

namespace CrmSync.Cli.Commands;

/// <summary>Pipeline log lines to the CLI console: information and up as progress lines, warnings and errors to stderr,
/// debug only with --verbose. The console decides plain (timestamped) vs terminal output.</summary>
public sealed class CliConsoleLoggerProvider(CliConsole console) : ILoggerProvider, ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(console);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ConsoleLogger(CliConsole console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || console.IsVerbose;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (logLevel >= LogLevel.Warning)
            {
                console.Error($"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {message}");
            }
            else if (logLevel >= LogLevel.Information)
            {
                console.Info(message);
            }
            else
            {
                console.Detail(message);
            }
        }
    }
}
