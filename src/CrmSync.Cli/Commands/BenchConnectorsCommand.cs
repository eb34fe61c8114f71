using System.CommandLine;
using CrmSync.Cli.Bench.Connectors;
using CrmSync.Cli.Emulators;
using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Commands;

/// <summary>`crmsync bench connectors`: client read throughput and push budget use against the emulators.</summary>
public static class BenchConnectorsCommand
{
    private const string Both = "both";

    public static Command Create()
    {
        var contacts = new Option<int?>("--contacts") { Description = "Contacts seeded and read from each emulator (default 100,000; 10,000 with --quick)." };
        var updates = new Option<int?>("--updates") { Description = "Updates pushed to each emulator (default 20,000; 2,000 with --quick)." };
        var system = new Option<string>("--system") { Description = "hubspot, dynamics or both.", DefaultValueFactory = _ => Both };
        system.AcceptOnlyFromAmong("hubspot", "dynamics", Both);
        var quick = new Option<bool>("--quick") { Description = "A tenth of the work and of the push budgets: done in seconds." };
        var passes = new Option<int?>("--passes")
        {
            Description = "Read every path this many times against the same emulator process (default 1). Pass 1 includes both processes' warm-up; later passes show the cost per record once warm.",
        };
        var command = new Command("connectors", "Read N contacts from each emulator and push updates under the documented limits; report rate, 429s and client CPU.")
        {
            contacts, updates, system, quick, passes,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult);
            CrmSystem[] systems = parseResult.GetValue(system) switch
            {
                "hubspot" => [CrmSystem.HubSpot],
                "dynamics" => [CrmSystem.Dynamics],
                _ => [CrmSystem.HubSpot, CrmSystem.Dynamics],
            };
            var preset = parseResult.GetValue(quick) ? ConnectorBenchmarkSettings.Quick(systems) : ConnectorBenchmarkSettings.Full(systems);
            var settings = preset with
            {
                Contacts = parseResult.GetValue(contacts) ?? preset.Contacts,
                Updates = parseResult.GetValue(updates) ?? preset.Updates,
                ReadPasses = parseResult.GetValue(passes) ?? preset.ReadPasses,
            };
            if (settings.Contacts < 1 || settings.Updates < 1 || settings.ReadPasses < 1)
            {
                throw new CliUsageException("--contacts, --updates and --passes must be at least 1", "pass positive numbers");
            }

            var benchmark = new ConnectorBenchmark(settings);
            var reads = new List<ReadResult>();
            var pushes = new List<PushResult>();
            foreach (var crm in systems)
            {
                reads.AddRange(await context.Console.StepAsync($"{crm} read ({settings.Contacts:N0} contacts, emulator in a child process)",
                    () => benchmark.ReadAsync(crm, cancellationToken)).ConfigureAwait(false));
                pushes.Add(await context.Console.StepAsync($"{crm} push ({settings.Updates:N0} updates under the budget)",
                    () => benchmark.PushAsync(crm, cancellationToken)).ConfigureAwait(false));
            }

            context.Console.Table(ConnectorBenchReport.ReadHeaders, ConnectorBenchReport.ReadRows(reads), "Reads (limits off)");
            context.Console.Table(ConnectorBenchReport.PushHeaders, ConnectorBenchReport.PushRows(pushes), "Pushes (emulator and client on the same budget)");
            foreach (var verdict in ConnectorBenchReport.Verdicts(reads, pushes))
            {
                context.Console.Info(verdict);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
