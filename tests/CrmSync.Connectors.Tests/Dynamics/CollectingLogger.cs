using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Keeps every formatted log line (with its exception) for assertions.</summary>
internal sealed class CollectingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
}
