using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Sandbox.Dynamics;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>
/// A Dynamics emulator on 127.0.0.1 and clients pointed at it, sharing one fake clock. Waits of the
/// client (backoff, Retry-After, rate windows) run on that clock; <see cref="RunAsync{T}"/> moves it
/// exactly to the client's next due timer while an operation waits, so no test sleeps for real and
/// the clock never moves while a request is merely in flight.
/// </summary>
internal sealed class DynamicsTestHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<DynamicsClient> _clients = [];

    /// <summary>Client waits further ahead than this are attempt timeouts, never something to jump to.</summary>
    private static readonly TimeSpan WaitHorizon = TimeSpan.FromHours(1);

    private readonly TimerTrackingTimeProvider _clientClock;

    private DynamicsTestHarness(DynamicsEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        _clientClock = new TimerTrackingTimeProvider(clock);
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
        TimeProvider = _clientClock,
        ReadMode = readMode,
        PageSize = pageSize,
        BatchSize = batchSize,
        ChangeSetSize = changeSetSize,
        OptionSets = optionSets,
        RateLimit = rateLimit ?? new RateLimitOptions(6000, TimeSpan.FromMinutes(5)),
        Retry = new RetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(200), AttemptTimeout = TimeSpan.FromDays(1) },
    };

    public DynamicsClient Client(DynamicsClientOptions? options = null)
    {
        var client = new DynamicsClient(options ?? Options(), Reporter, Logger);
        _clients.Add(client);
        return client;
    }

    /// <summary>Runs <paramref name="operation"/>; whenever it is waiting on a client timer, moves the clock to that timer.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        var task = operation();
        while (!task.IsCompleted)
        {
            if (await Task.WhenAny(task, Task.Delay(2)) != task && _clientClock.NextDue(WaitHorizon) is { } due)
            {
                var ahead = due - Clock.GetUtcNow();
                if (ahead > TimeSpan.Zero) Clock.Advance(ahead);
                else Clock.Advance(TimeSpan.FromTicks(1));
            }
        }
        return await task;
    }

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
