using CrmSync.Cli.Output;

namespace CrmSync.Cli.Sql;

/// <summary>
/// The interactive `crmsync sql` prompt: reads lines until a statement ends with `;`, runs it,
/// prints the result or DuckDB's error, and goes on; `.tables` lists the tables, `.quit` leaves.
/// </summary>
public sealed class SqlPrompt(LakeSqlSession session, SqlOutputFormat format, CliConsole console, TextReader input, bool showPrompt)
{
    /// <returns>The number of statements that failed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var statement = new System.Text.StringBuilder();
        Prompt(statement.Length == 0);
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var trimmed = line.Trim();
            if (statement.Length == 0 && trimmed is ".quit" or ".exit")
            {
                break;
            }

            if (statement.Length == 0 && trimmed == ".tables")
            {
                console.Table(["table", "version", "files"], session.Tables
                    .Select(t => (IReadOnlyList<string?>)[t.QualifiedName, t.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), t.FileCount.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .ToList());
            }
            else if (trimmed.Length > 0)
            {
                statement.AppendLine(line);
                if (trimmed.EndsWith(';'))
                {
                    failures += await RunOneAsync(statement.ToString(), cancellationToken).ConfigureAwait(false) ? 0 : 1;
                    statement.Clear();
                }
            }

            Prompt(statement.Length == 0);
        }

        if (statement.ToString().Trim().Length > 0)
        {
            failures += await RunOneAsync(statement.ToString(), cancellationToken).ConfigureAwait(false) ? 0 : 1;
        }

        return failures;
    }

    private async Task<bool> RunOneAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = session.Query(sql);
            await SqlResultWriter.WriteAsync(reader, format, console, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is SqlQueryException or DuckDB.NET.Data.DuckDBException)
        {
            console.Error($"error: {exception.Message}");
            return false;
        }
    }

    private void Prompt(bool fresh)
    {
        if (showPrompt)
        {
            console.Data.Write(fresh ? "crmsync> " : "     ...> ");
        }
    }
}
