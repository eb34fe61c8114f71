using System.CommandLine;
using CrmSync.Cli.Emulators;
using CrmSync.Cli.Hosting;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Cli.Commands;

/// <summary>
/// `crmsync sandbox serve`: one seeded emulator on 127.0.0.1 until stdin closes or Ctrl+C, for
/// trying the CLI by hand and for benchmarks that keep the emulator's CPU out of their own process.
/// Prints only the URL; the credentials are the emulators' built-in test values.
/// </summary>
public static class SandboxCommands
{
    public static Command Create()
    {
        var sandbox = new Command("sandbox", "CRM emulators on 127.0.0.1.");
        sandbox.Subcommands.Add(Serve());
        return sandbox;
    }

    private static Command Serve()
    {
        var system = new Option<CrmSystem>("--system") { Description = "hubspot or dynamics.", Required = true };
        var contacts = new Option<int>("--contacts") { Description = "Generated contacts to seed.", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the generated people: emulators given the same seed share their overlapping people.",
            DefaultValueFactory = _ => new SeedOptions().Seed,
        };
        var noLimits = new Option<bool>("--no-limits") { Description = "Never answer 429 for exceeding a rate limit." };
        var command = new Command("serve", "Run one seeded emulator; prints its URL, stops at end of input or Ctrl+C.") { system, contacts, seed, noLimits };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            if (parseResult.GetValue(contacts) < 0)
            {
                throw new CliUsageException("--contacts must not be negative", "pass 0 or more");
            }

            var seeding = new SeedOptions { Count = parseResult.GetValue(contacts), Seed = parseResult.GetValue(seed) };
            await using var emulator = await ServedEmulator.StartAsync(parseResult.GetValue(system), seeding, !parseResult.GetValue(noLimits), cancellationToken)
                .ConfigureAwait(false);
            await context.Console.Data.WriteLineAsync(emulator.BaseUri.ToString()).ConfigureAwait(false);
            await context.Console.Data.FlushAsync(cancellationToken).ConfigureAwait(false);
            await WaitForEndOfInputAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WaitForEndOfInputAsync(CancellationToken cancellationToken)
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is the ordinary way to stop it by hand.
        }
    }
}
