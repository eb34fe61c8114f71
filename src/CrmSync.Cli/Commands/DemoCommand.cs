using System.CommandLine;
using System.Globalization;
using CrmSync.Cli.Demo;
using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync demo`: the whole job against local emulators into ./lake, two rounds, a convergence check.</summary>
public static class DemoCommand
{
    public const int MinContacts = 20;
    public const int MaxContacts = 200_000;

    public static Command Create()
    {
        var contacts = new Option<int>("--contacts")
        {
            Description = $"Contacts seeded into each emulator ({MinContacts}..{MaxContacts}).",
            DefaultValueFactory = _ => 2_000,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the generated people; the same seed gives the same demo.",
            DefaultValueFactory = _ => 42,
        };
        var reset = new Option<bool>("--reset")
        {
            Description = "Delete the lake folder first even if an earlier demo did not make it.",
        };
        var command = new Command("demo",
            "Run the whole sync against local HubSpot and Dynamics emulators (127.0.0.1): a full round, user edits on both sides, an incremental round, and a convergence check.")
        {
            contacts, seed, reset,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            var count = parseResult.GetValue(contacts);
            if (count is < MinContacts or > MaxContacts)
            {
                throw new CliUsageException(
                    string.Create(CultureInfo.InvariantCulture, $"--contacts {count} is out of range."),
                    string.Create(CultureInfo.InvariantCulture, $"pass --contacts between {MinContacts} and {MaxContacts}"));
            }

            if (context.DryRun)
            {
                throw new CliUsageException("--dry-run does not apply to the demo: it always writes a fresh demo lake.", "run `crmsync demo` without --dry-run");
            }

            var options = new DemoOptions(context.LakeRoot, context.ConfigDirectory, count, parseResult.GetValue(seed), parseResult.GetValue(reset));
            var result = await new DemoRunner(context.Console).RunAsync(options, cancellationToken).ConfigureAwait(false);
            DemoSummaryPrinter.Print(context.Console, result);
            if (result.Convergence.Converged)
            {
                return ExitCodes.Success;
            }

            context.Console.Error(string.Create(CultureInfo.InvariantCulture,
                $"crmsync demo failed: {result.Convergence.Unexplained.Count} values differ between the CRMs with no explanation (listed above); compare them with `crmsync sql` on silver.contacts_unified and report the bug"));
            return ExitCodes.Failure;
        });
        return command;
    }
}
