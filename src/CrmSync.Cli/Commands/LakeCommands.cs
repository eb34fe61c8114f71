using System.CommandLine;
using System.Globalization;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Lake;
using CrmSync.Lake.Operations;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync lake history|describe|checkpoint|optimize|vacuum|demo`: Delta table maintenance and inspection.</summary>
public static class LakeCommands
{
    private const int SafeRetentionHours = 168;

    public static Command Create()
    {
        var lake = new Command("lake", "Inspect and maintain the lake's Delta tables.");
        lake.Subcommands.Add(History());
        lake.Subcommands.Add(Describe());
        lake.Subcommands.Add(Checkpoint());
        lake.Subcommands.Add(Optimize());
        lake.Subcommands.Add(Vacuum());
        lake.Subcommands.Add(LakeDemoCommand.Create());
        return lake;
    }

    private static Argument<string> TableArgument() => new("table")
    {
        Description = "The table folder (lake/silver/contacts_unified) or layer.table under --lake (silver.contacts_unified).",
    };

    private static Command History()
    {
        var table = TableArgument();
        var limit = new Option<int?>("--limit") { Description = "Show only the newest N commits." };
        var command = new Command("history", "Commit history, newest first (like DESCRIBE HISTORY).") { table, limit };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var delta = await OpenAsync(parseResult, table, context, cancellationToken).ConfigureAwait(false);
            var entries = await delta.HistoryAsync(parseResult.GetValue(limit), cancellationToken).ConfigureAwait(false);
            context.Console.Table(TableReport.HistoryHeaders, TableReport.History(entries));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Describe()
    {
        var table = TableArgument();
        var asOf = new Option<string?>("--as-of") { Description = "Describe an older version or the version current at a timestamp." };
        var command = new Command("describe", "Schema, partitioning, properties, protocol, files and size of a table.") { table, asOf };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var path = LakeTableOpener.ResolvePath(parseResult.GetRequiredValue(table), context.LakeRoot);
            var travel = parseResult.GetValue(asOf) is { } text ? TimeTravel.Parse(text) : null;
            var delta = await LakeTableOpener.OpenAsync(path, travel, null, cancellationToken).ConfigureAwait(false);
            var details = delta.Describe();
            context.Console.Table(["property", "value"], TableReport.Details(details, path));
            context.Console.Table(["column", "type", "nullable"], TableReport.Schema(details));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Checkpoint()
    {
        var table = TableArgument();
        var command = new Command("checkpoint", "Write a checkpoint of the latest version (faster opens for every reader).") { table };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var delta = await OpenAsync(parseResult, table, context, cancellationToken).ConfigureAwait(false);
            if (context.DryRun)
            {
                context.Console.Info(string.Create(CultureInfo.InvariantCulture, $"dry run: would write a checkpoint at version {delta.Version}"));
                return ExitCodes.Success;
            }

            var result = await delta.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            context.Console.Info(string.Create(CultureInfo.InvariantCulture, $"checkpoint written at version {result.Version} ({ByteSize.Format(result.SizeInBytes)})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Optimize()
    {
        var table = TableArgument();
        var targetSize = new Option<string?>("--target-size")
        {
            Description = "Size of the compacted files, and under which a file is compacted: bytes or 128mb, 1gb " +
                "(default: the table's delta.targetFileSize, else 128mb).",
        };
        var command = new Command("optimize",
            "Compact small files, and files whose deletion vectors hide 5% of their rows or more, into files of the target size " +
            "(one OPTIMIZE commit; --dry-run shows the plan). Replaced files stay for time travel until vacuum.") { table, targetSize };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            long? target = null;
            if (parseResult.GetValue(targetSize) is { } text)
            {
                target = OptimizeOptions.ParseSize(text)
                    ?? throw new CliUsageException($"--target-size '{text}' is not a size", "give bytes or a size such as 128mb or 1gb");
            }

            var delta = await OpenAsync(parseResult, table, context, cancellationToken).ConfigureAwait(false);
            var result = await delta.OptimizeAsync(new OptimizeOptions { TargetFileSize = target, DryRun = context.DryRun }, cancellationToken)
                .ConfigureAwait(false);
            foreach (var line in OptimizeReport.Lines(result, context.DryRun))
            {
                context.Console.Info(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Vacuum()
    {
        var table = TableArgument();
        var retainHours = new Option<int>("--retain-hours")
        {
            Description = "Keep files needed by versions newer than this many hours (time travel window).",
            DefaultValueFactory = _ => SafeRetentionHours,
        };
        var allowShort = new Option<bool>("--allow-short-retention")
        {
            Description = "Allow --retain-hours below 168 (breaks time travel and readers older than that).",
        };
        var command = new Command("vacuum", "Delete data files no longer referenced by any version within the retention (--dry-run lists them).")
        {
            table, retainHours, allowShort,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var hours = parseResult.GetValue(retainHours);
            if (hours < 0 || (hours < SafeRetentionHours && !parseResult.GetValue(allowShort)))
            {
                throw new CliUsageException(
                    string.Create(CultureInfo.InvariantCulture, $"--retain-hours {hours} is below the safe minimum of {SafeRetentionHours} hours"),
                    "keep the default, or add --allow-short-retention if no job or reader still needs older versions");
            }

            var delta = await OpenAsync(parseResult, table, context, cancellationToken).ConfigureAwait(false);
            var result = await delta.VacuumAsync(TimeSpan.FromHours(hours), context.DryRun, allowShortRetention: true, cancellationToken).ConfigureAwait(false);
            var verb = result.DryRun ? "would delete" : "deleted";
            foreach (var file in result.Files)
            {
                context.Console.Info($"{verb} {file}");
            }

            context.Console.Info(string.Create(CultureInfo.InvariantCulture, $"{verb} {result.Files.Count} files ({ByteSize.Format(result.Bytes)})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task<CrmSync.Lake.DeltaTable> OpenAsync(ParseResult parseResult, Argument<string> table, CliContext context, CancellationToken cancellationToken) =>
        LakeTableOpener.OpenAsync(LakeTableOpener.ResolvePath(parseResult.GetRequiredValue(table), context.LakeRoot), null, null, cancellationToken);
}
