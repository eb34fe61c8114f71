using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Lake;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync lake demo`: a walk-through of the Delta engine that leaves its table in the lake.</summary>
public static class LakeDemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Create a small Delta table and walk through append, merge, delete, time travel and history.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            await new LakeDemo(context.LakeRoot, context.Console).RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
