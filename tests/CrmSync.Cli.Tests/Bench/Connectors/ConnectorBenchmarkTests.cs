using CrmSync.Cli.Bench.Connectors;
using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Tests.Bench.Connectors;

public sealed class ConnectorBenchmarkTests
{
    private static readonly CrmSystem[] BothSystems = [CrmSystem.HubSpot, CrmSystem.Dynamics];

    // 400 updates in batches of 100 = 4 requests: within HubSpot's 10 per 10 s, two windows of Dynamics' 2 per second.
    private static readonly ConnectorBenchmarkSettings Tiny = new(
        Contacts: 300,
        Updates: 400,
        BothSystems,
        new PushBudget(10, ConnectorBenchmarkSettings.HubSpotWindow, 100),
        new PushBudget(2, TimeSpan.FromSeconds(1), 100));

    [Fact]
    public async Task Pushes_count_the_same_requests_on_both_sides_and_draw_no_429_under_matching_budgets()
    {
        var benchmark = new ConnectorBenchmark(Tiny);

        var hubspot = await benchmark.PushAsync(CrmSystem.HubSpot, CancellationToken.None);
        var dynamics = await benchmark.PushAsync(CrmSystem.Dynamics, CancellationToken.None);

        foreach (var push in new[] { hubspot, dynamics })
        {
            push.Should().Match<PushResult>(p => p.Updates == 400 && p.Failed == 0 && p.RequestsSent == 4 && p.RequestsReceived == 4
                && p.ThrottledSeen == 0 && p.ThrottledServed == 0, $"{push.System} sent 4 batches of 100 within its budget");
        }

        hubspot.BudgetUse.Should().BeNull("4 requests fit one HubSpot window, so the push is not rate bound");
        dynamics.BudgetUse.Should().NotBeNull("4 requests at 2 per second span two windows");
    }

    [Fact]
    public async Task Reads_return_every_seeded_contact_on_every_path_from_a_child_emulator()
    {
        var benchmark = new ConnectorBenchmark(Tiny);

        var reads = new List<ReadResult>();
        foreach (var system in BothSystems)
        {
            reads.AddRange(await benchmark.ReadAsync(system, CancellationToken.None));
        }

        reads.Select(r => (r.System, r.Path, r.Records, r.Requests)).Should().Equal(
            (CrmSystem.HubSpot, "list", 300, 3),
            (CrmSystem.HubSpot, "search", 300, 2),
            (CrmSystem.HubSpot, "list floor", 300, 3),
            (CrmSystem.Dynamics, "incremental", 300, 1));
        reads.Should().OnlyContain(r => r.EmulatorCpuSeconds != null, "the emulator ran in its own process");
    }

    [Fact]
    public async Task Every_pass_reads_every_contact_again_from_the_same_emulator()
    {
        var benchmark = new ConnectorBenchmark(Tiny with { Systems = [CrmSystem.Dynamics], ReadPasses = 2 });

        var reads = await benchmark.ReadAsync(CrmSystem.Dynamics, CancellationToken.None);

        reads.Select(r => (r.Path, r.Pass, r.Records, r.Requests)).Should().Equal(("incremental", 1, 300, 1), ("incremental", 2, 300, 1));
    }

    [Fact]
    public void The_fastest_push_a_budget_allows_sends_full_windows_back_to_back()
    {
        var budget = new PushBudget(100, TimeSpan.FromSeconds(10), 100);

        var oneWindowOfWork = TimeSpan.FromSeconds(0.5);

        budget.FastestPossible(100, oneWindowOfWork).Should().Be(oneWindowOfWork);
        budget.FastestPossible(200, oneWindowOfWork).Should().Be(TimeSpan.FromSeconds(10.5));
        budget.FastestPossible(201, oneWindowOfWork).Should().Be(TimeSpan.FromSeconds(20.5));
    }

    [Fact]
    public void Verdicts_miss_a_slow_push_or_one_that_drew_429s_and_do_not_judge_a_read_sharing_the_emulators_process()
    {
        var budget = new PushBudget(100, TimeSpan.FromSeconds(10), 100);
        PushResult[] pushes =
        [
            new(CrmSystem.HubSpot, budget, 20_000, 0, 200, 200, 0, 0, FirstWindowSeconds: 0.5, Seconds: 11, CpuSeconds: 1),
            new(CrmSystem.Dynamics, budget, 20_000, 0, 200, 201, 1, 1, FirstWindowSeconds: 0.5, Seconds: 11, CpuSeconds: 1),
            new(CrmSystem.HubSpot, budget, 20_000, 0, 200, 200, 0, 0, FirstWindowSeconds: 0.5, Seconds: 21, CpuSeconds: 1),
        ];
        ReadResult[] reads =
        [
            new(CrmSystem.HubSpot, "list", 1_000, 10, Seconds: 1, ClientCpuSeconds: 0.1, EmulatorCpuSeconds: 0.8),
            new(CrmSystem.Dynamics, "incremental", 1_000, 1, Seconds: 1, ClientCpuSeconds: 0.9, EmulatorCpuSeconds: null),
            new(CrmSystem.HubSpot, "search", 1_000, 5, Seconds: 1, ClientCpuSeconds: 0.5, EmulatorCpuSeconds: 0.4, Pass: 2),
        ];

        var verdicts = ConnectorBenchReport.Verdicts(reads, pushes).ToList();

        verdicts.Should().Equal(
            "met: HubSpot push 95.5% of the budget, 0 429s (goal: >= 90.0%, zero 429s)",
            "MISSED: Dynamics push 95.5% of the budget, 1 429s (goal: >= 90.0%, zero 429s)",
            "MISSED: HubSpot push 50.0% of the budget, 0 429s (goal: >= 90.0%, zero 429s)",
            "met: HubSpot list read client CPU 10.0% of wall (goal: < 20.0%)",
            "not judged: Dynamics incremental read had the emulator in this process, so client CPU includes it",
            "MISSED: HubSpot search read pass 2 (warm) client CPU 50.0% of wall (goal: < 20.0%)");
    }
}
