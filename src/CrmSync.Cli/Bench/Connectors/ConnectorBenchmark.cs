using System.Diagnostics;
using System.Globalization;
using CrmSync.Cli.Emulators;
using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Connectors.HubSpot;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Cli.Bench.Connectors;

/// <summary>
/// `crmsync bench connectors`: full reads through every client read path against an unthrottled
/// emulator (in a child process, so this process's CPU is the client's), and a push of updates
/// with the emulator and the client held to the same request budget.
/// </summary>
public sealed class ConnectorBenchmark
{
    private const string TokenPathEnd = "/oauth2/v2.0/token";

    /// <summary>No seeded invalid values: a rejected update would be the data's fault, not the push's.</summary>
    private static readonly SeedOptions ValidPeople = new() { InvalidValueFraction = 0 };

    private readonly ConnectorBenchmarkSettings _settings;

    public ConnectorBenchmark(ConnectorBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>
    /// HubSpot: the list endpoint, the search path, and the list pages read by <see cref="ListFloorReader"/> (the floor
    /// under any client); Dynamics: the incremental read from no cursor.
    /// Every path is read <see cref="ConnectorBenchmarkSettings.ReadPasses"/> times against one emulator process.
    /// </summary>
    public async Task<IReadOnlyList<ReadResult>> ReadAsync(CrmSystem system, CancellationToken cancellationToken)
    {
        if (_settings.EmulatorInChildProcess)
        {
            await using var child = await EmulatorProcess.StartAsync(system, new SeedOptions { Count = _settings.Contacts }, cancellationToken).ConfigureAwait(false);
            return await ReadPassesAsync(system, child.BaseUri, () => child.CpuTime, cancellationToken).ConfigureAwait(false);
        }

        await using var local = await ServedEmulator.StartAsync(system, new SeedOptions { Count = _settings.Contacts }, limitsEnabled: false, cancellationToken)
            .ConfigureAwait(false);
        return await ReadPassesAsync(system, local.BaseUri, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<PushResult> PushAsync(CrmSystem system, CancellationToken cancellationToken) => system == CrmSystem.HubSpot
        ? PushHubSpotAsync(cancellationToken)
        : PushDynamicsAsync(cancellationToken);

    private async Task<IReadOnlyList<ReadResult>> ReadPassesAsync(CrmSystem system, Uri baseUri, Func<TimeSpan>? emulatorCpu, CancellationToken cancellationToken)
    {
        var results = new List<ReadResult>();
        for (var pass = 1; pass <= _settings.ReadPasses; pass++)
        {
            results.AddRange(await ReadPathsAsync(system, baseUri, emulatorCpu, pass, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<IReadOnlyList<ReadResult>> ReadPathsAsync(CrmSystem system, Uri baseUri, Func<TimeSpan>? emulatorCpu, int pass, CancellationToken cancellationToken)
    {
        if (system == CrmSystem.Dynamics)
        {
            return [await MeasureReadAsync(system, "incremental", pass, emulatorCpu, async calls =>
            {
                using var client = new DynamicsClient(EmulatorClients.Dynamics(baseUri, EmulatorClients.Unlimited), calls);
                var records = 0;
                await foreach (var page in client.ReadContactsAsync(null, cancellationToken).ConfigureAwait(false))
                {
                    records += page.Records.Count;
                }

                return records;
            }).ConfigureAwait(false)];
        }

        var list = await MeasureReadAsync(system, "list", pass, emulatorCpu, async calls =>
        {
            using var client = new HubSpotClient(EmulatorClients.HubSpot(baseUri, calls, EmulatorClients.Unlimited));
            return await CountAsync(client.ReadAllAsync(cancellationToken)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var search = await MeasureReadAsync(system, "search", pass, emulatorCpu, async calls =>
        {
            using var client = new HubSpotClient(EmulatorClients.HubSpot(baseUri, calls, EmulatorClients.Unlimited));
            return await CountAsync(client.ReadModifiedAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, cancellationToken)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var floor = await MeasureReadAsync(system, "list floor", pass, emulatorCpu, calls => ListFloorReader.ReadAsync(baseUri, calls, cancellationToken))
            .ConfigureAwait(false);
        return [list, search, floor];
    }

    private static async Task<ReadResult> MeasureReadAsync(CrmSystem system, string path, int pass, Func<TimeSpan>? emulatorCpu, Func<CallCounter, Task<int>> read)
    {
        var calls = new CallCounter();
        var emulatorBefore = emulatorCpu?.Invoke();
        var (records, seconds, cpuSeconds) = await MeasureAsync(() => read(calls)).ConfigureAwait(false);
        var emulatorSeconds = emulatorCpu is null ? (double?)null : (emulatorCpu() - emulatorBefore!.Value).TotalSeconds;
        return new ReadResult(system, path, records, calls.Requests, seconds, cpuSeconds, emulatorSeconds, pass);
    }

    private async Task<PushResult> PushHubSpotAsync(CancellationToken cancellationToken)
    {
        var budget = _settings.HubSpotPush;
        await using var emulator = await HubSpotEmulator.StartAsync(
            new HubSpotEmulatorOptions { LimitsEnabled = false }, cancellationToken).ConfigureAwait(false);
        emulator.Seed(_settings.Updates, ValidPeople);
        var inputs = emulator.GetAll(includeArchived: false)
            .Select((contact, i) => new HubSpotWriteInput(Key(i), contact.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, string?> { ["jobtitle"] = JobTitle(i) }))
            .ToList();

        emulator.Limits.Configure(budget.Requests, emulator.Limits.SearchPerSecondLimit, emulator.Limits.DailyLimit);
        emulator.Limits.Enabled = true;
        emulator.Capture.Enabled = true;
        var calls = new CallCounter();
        using var client = new HubSpotClient(EmulatorClients.HubSpot(emulator.BaseUri, calls, new RateLimitOptions(budget.Requests, budget.Window)) with { BatchSize = budget.BatchSize });
        var (failed, seconds, cpuSeconds) = await MeasureAsync(async () =>
        {
            var failures = 0;
            await foreach (var result in client.UpdateAsync(inputs, cancellationToken).ConfigureAwait(false))
            {
                failures += result.Succeeded ? 0 : 1;
            }

            return failures;
        }).ConfigureAwait(false);
        return new PushResult(CrmSystem.HubSpot, budget, inputs.Count, failed, calls.Requests, emulator.Capture.Requests.Count,
            calls.Throttled, emulator.Limits.RejectedCount, calls.CompletedAfter(budget.Requests).TotalSeconds, seconds, cpuSeconds);
    }

    private async Task<PushResult> PushDynamicsAsync(CancellationToken cancellationToken)
    {
        var budget = _settings.DynamicsPush;
        await using var emulator = await DynamicsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        emulator.Limits.Enabled = false;
        emulator.Seed(_settings.Updates, ValidPeople);
        var writes = emulator.GetAll()
            .Select((contact, i) => new DynamicsContactWrite(Key(i), contact.ContactId, IsCreate: false, new Dictionary<string, object?> { ["jobtitle"] = JobTitle(i) }))
            .ToList();

        // Picklist labels are loaded before the budget starts, so the measured push is $batch requests only.
        DynamicsOptionSetMap optionSets;
        using (var setup = new DynamicsClient(EmulatorClients.Dynamics(emulator.BaseUri, EmulatorClients.Unlimited)))
        {
            optionSets = await setup.GetOptionSetsAsync(cancellationToken).ConfigureAwait(false);
        }

        emulator.Limits.Configure(budget.Requests, budget.Window);
        emulator.Limits.Enabled = true;
        emulator.Capture.Enabled = true;
        var calls = new CallCounter();
        using var client = new DynamicsClient(
            EmulatorClients.Dynamics(emulator.BaseUri, new RateLimitOptions(budget.Requests, budget.Window), budget.BatchSize, optionSets), calls);
        var (failed, seconds, cpuSeconds) = await MeasureAsync(async () =>
            (await client.WriteContactsAsync(writes, cancellationToken).ConfigureAwait(false)).Count(result => !result.Succeeded)).ConfigureAwait(false);
        var received = emulator.Capture.Requests.Count(request => !request.Path.EndsWith(TokenPathEnd, StringComparison.Ordinal));
        return new PushResult(CrmSystem.Dynamics, budget, writes.Count, failed, calls.Requests, received,
            calls.Throttled, emulator.Limits.Rejections, calls.CompletedAfter(budget.Requests).TotalSeconds, seconds, cpuSeconds);
    }

    private static string Key(int index) => "update-" + index.ToString(CultureInfo.InvariantCulture);

    private static string JobTitle(int index) => "Benchmark " + index.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> CountAsync(IAsyncEnumerable<CrmRecord> records)
    {
        var count = 0;
        await foreach (var _ in records.ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>Wall time and this process's CPU time (all threads) around <paramref name="work"/>.</summary>
    private static async Task<(int Value, double Seconds, double CpuSeconds)> MeasureAsync(Func<Task<int>> work)
    {
        var cpuBefore = ProcessCpu();
        var started = Stopwatch.GetTimestamp();
        var value = await work().ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (value, seconds, (ProcessCpu() - cpuBefore).TotalSeconds);
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
