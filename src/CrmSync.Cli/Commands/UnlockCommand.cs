using System.CommandLine;
using CrmSync.Cli.Hosting;
using CrmSync.Pipeline.Locking;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync unlock [--force]`: breaks the lake's run lock by hand, for a holder that crashed or hangs. An expired
/// lease needs no breaking (the next invocation takes it over) but may be cleared; a live one only with --force, since its
/// holder may still be writing.</summary>
public static class UnlockCommand
{
    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Break a lease that has not expired (its holder may still be running)." };
        var command = new Command("unlock", "Break the lake's run lock held by a crmsync invocation that crashed or hangs.") { force };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var lake = await StatusCommand.OpenLakeAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
            var runLock = new RunLock(lake.Catalog.Store, TimeProvider.System, new RunLockOptions());
            var current = await runLock.ReadAsync(cancellationToken).ConfigureAwait(false);
            var now = TimeProvider.System.GetUtcNow();
            if (current is { ReleasedAt: null } && current.IsHeldAt(now) && !parseResult.GetValue(force))
            {
                throw new CliUsageException($"The run lock is held by {current} and has not expired; its holder renews it while it runs.",
                    "make sure that invocation is gone (host and process above), then run `crmsync unlock --force`");
            }

            var broken = await runLock.BreakAsync($"crmsync unlock on host {Environment.MachineName}, process {Environment.ProcessId}", cancellationToken)
                .ConfigureAwait(false);
            if (broken is null)
            {
                context.Console.Info("The run lock is not held; nothing to do.");
                return ExitCodes.Success;
            }

            context.Console.Error(broken.IsHeldAt(now)
                ? $"warning: broke the run lock of {broken} before it expired. If that invocation is still running, it stops at its next renewal; until then it may still write."
                : $"warning: cleared the expired run lock of {broken}.");
            context.Console.Info("The run lock is free.");
            return ExitCodes.Success;
        });
        return command;
    }
}
