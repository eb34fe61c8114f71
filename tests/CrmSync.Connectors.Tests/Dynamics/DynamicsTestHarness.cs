using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Sandbox.Dynamics;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>
/// A Dynamics emulator on 127.0.0.1 and clients pointed at it, sharing one fake clock. Waits of the
/// client (backoff, Retry-After, rate windows) run on that clock; <see cref="RunAsync{T}"/> moves it
/// forward while an operation is pending, so no test sleeps for real.
/// </summary>
internal sealed class DynamicsTestHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<DynamicsClient> _clients = [];

    private DynamicsTestHarness(DynamicsEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
    }

    public DynamicsEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public CollectingReporter Reporter { get; } = new();

    public CollectingLogger Logger { get; } = new();

    public static async Task<DynamicsTestHarness> StartAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var emulator = await DynamicsEmulator.StartAsync(new DynamicsEmulatorOptions { TimeProvider = clock });
        return new DynamicsTestHarness(emulator, clock);
    }

    public DynamicsClientOptions Options(
        DynamicsReadMode readMode = DynamicsReadMode.ModifiedOn,
        int pageSize = 5000,
        int batchSize = 1000,
        int changeSetSize = 1,
        RateLimitOptions? rateLimit = null,
        int maxAttempts = 5,
        string? clientSecret = null,
        DynamicsOptionSetMap? optionSets = null) => new()
    {
        OrgUri = Emulator.BaseUri,
        AuthorityHost = Emulator.BaseUri,
        TenantId = Emulator.TenantId,
        ClientId = Emulator.ClientId,
        ClientSecret = clientSecret ?? Emulator.ClientSecret,
        TimeProvider = Clock,
        ReadMode = readMode,
        PageSize = pageSize,
        BatchSize = batchSize,
        ChangeSetSize = changeSetSize,
        OptionSets = optionSets,
        RateLimit = rateLimit ?? new RateLimitOptions(6000, TimeSpan.FromMinutes(5)),
        Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromMinutes(10) },
    };

    public DynamicsClient Client(DynamicsClientOptions? options = null)
    {
        var client = new DynamicsClient(options ?? Options(), Reporter, Logger);
        _clients.Add(client);
        return client;
    }

    /// <summary>Runs <paramref name="operation"/>, advancing the fake clock by <paramref name="step"/> whenever it is waiting.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, TimeSpan? step = null)
    {
        var task = operation();
        while (!task.IsCompleted)
        {
            if (await Task.WhenAny(task, Task.Delay(3)) != task) Clock.Advance(step ?? TimeSpan.FromSeconds(1));
        }
        return await task;
    }

    public Task RunAsync(Func<Task> operation, TimeSpan? step = null) =>
        RunAsync(async () =>
        {
            await operation();
            return true;
        }, step);

    /// <summary>Reads every page of one incremental read.</summary>
    public static async Task<List<DynamicsContactPage>> ReadAllPagesAsync(DynamicsClient client, DynamicsReadCursor? cursor)
    {
        var pages = new List<DynamicsContactPage>();
        await foreach (var page in client.ReadContactsAsync(cursor)) pages.Add(page);
        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await Emulator.DisposeAsync();
    }
}
