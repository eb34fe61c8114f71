using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Tests.Support;

/// <summary>Keeps every formatted log line, to assert on what the pipeline says (and never says).</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " | " + exception.Message));
    }
}
