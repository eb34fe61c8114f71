using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CrmSync.Cli.Output;

/// <summary>
/// Everything a verb prints goes through here. On an interactive terminal: Spectre.Console tables
/// and spinners. When redirected (CI, Databricks, files): plain, timestamped, greppable lines.
/// Data (query results, JSON) goes to <see cref="Data"/> untouched in both modes.
/// </summary>
public sealed class CliConsole
{
    private readonly TextWriter _error;
    private readonly TimeProvider _clock;
    private readonly IAnsiConsole? _terminal;
    private readonly Lock _statusGate = new();
    private int _statusWidth;

    public CliConsole(TextWriter output, TextWriter error, bool interactive, bool verbose, TimeProvider clock)
    {
        Data = output;
        _error = error;
        _clock = clock;
        IsVerbose = verbose;
        _terminal = interactive
            ? AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Interactive = InteractionSupport.Yes,
                Ansi = AnsiSupport.Detect,
            })
            : null;
    }

    /// <summary>The terminal is interactive only when we write to the real, unredirected stdout.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public TextWriter Data { get; }

    public bool IsInteractive => _terminal is not null;

    public bool IsVerbose { get; }

    /// <summary>A progress or result line for humans.</summary>
    public void Info(string message)
    {
        if (_terminal is not null)
        {
            ClearStatus();
            _terminal.WriteLine(message);
        }
        else
        {
            Data.WriteLine($"{Timestamp()} {message}");
        }
    }

    /// <summary>Only shown with --verbose.</summary>
    public void Detail(string message)
    {
        if (IsVerbose)
        {
            Info(message);
        }
    }

    /// <summary>Diagnostics go to stderr so they never mix with data output.</summary>
    public void Error(string message)
    {
        ClearStatus();
        _error.WriteLine(message);
    }

    /// <summary>A live one-line status on a terminal, rewritten in place and cleared before the next line printed;
    /// ignored when redirected. Carriage return and padding rather than cursor codes, so any terminal copes.</summary>
    public void Status(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_terminal is null)
        {
            return;
        }

        lock (_statusGate)
        {
            Data.Write("\r" + text.PadRight(_statusWidth));
            Data.Flush();
            _statusWidth = text.Length;
        }
    }

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string?>> rows, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ClearStatus();
        if (_terminal is null)
        {
            if (title is not null)
            {
                Info(title);
            }

            Data.Write(PlainTable.Render(headers, rows));
            return;
        }

        var table = new Table();
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell ?? PlainTable.NullText)));
        }

        _terminal.Write(table);
    }

    /// <summary>Runs one named step: a spinner on a terminal, start/finish lines when redirected.</summary>
    public async Task<T> StepAsync<T>(string description, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_terminal is not null)
        {
            ClearStatus();
            var result = await _terminal.Status().StartAsync(description, _ => work()).ConfigureAwait(false);
            _terminal.MarkupLine($"[green]done[/] {Markup.Escape(description)}");
            return result;
        }

        Info($"{description} ...");
        var started = Stopwatch.GetTimestamp();
        var value = await work().ConfigureAwait(false);
        Info($"{description} done in {Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
        return value;
    }

    private void ClearStatus()
    {
        lock (_statusGate)
        {
            if (_statusWidth == 0)
            {
                return;
            }

            Data.Write("\r" + new string(' ', _statusWidth) + "\r");
            _statusWidth = 0;
        }
    }

    private string Timestamp() =>
        _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
