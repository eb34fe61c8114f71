using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Lake;
using CrmSync.Cli.Sql;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync sql`: read-only SQL over the lake's Delta tables (DuckDB).</summary>
public static class SqlCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("query")
        {
            Description = "SQL to run, e.g. \"SELECT count(*) FROM silver.contacts_unified\". Omit for an interactive prompt.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Time travel: a table version, or a timestamp (newest version committed at or before it).",
        };
        var format = new Option<SqlOutputFormat>("--format")
        {
            Description = "Output: table (aligned), csv or json.",
            DefaultValueFactory = _ => SqlOutputFormat.Table,
        };
        var command = new Command("sql", "Query the lake's Delta tables in SQL (read-only; tables as layer.table).")
        {
            query, asOf, format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var travel = parseResult.GetValue(asOf) is { } text ? TimeTravel.Parse(text) : null;
            using var session = await LakeSqlSession.OpenAsync(context.LakeRoot, travel, cancellationToken).ConfigureAwait(false);
            foreach (var missing in session.Unavailable)
            {
                context.Console.Error($"note: {missing}");
            }

            context.Console.Detail($"{session.Tables.Count} tables from {context.LakeRoot}");
            var outputFormat = parseResult.GetValue(format);
            if (parseResult.GetValue(query) is { } sql)
            {
                using var reader = session.Query(sql);
                await SqlResultWriter.WriteAsync(reader, outputFormat, context.Console, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var prompt = new SqlPrompt(session, outputFormat, context.Console, Console.In, showPrompt: !Console.IsInputRedirected);
            var failures = await prompt.RunAsync(cancellationToken).ConfigureAwait(false);
            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
