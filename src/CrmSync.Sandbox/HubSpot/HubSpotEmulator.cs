using System.Globalization;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// An in-process HubSpot CRM v3 contacts API on 127.0.0.1: search (filters, sorts, the 10k cap),
/// list (with archived), batch create/update/upsert/archive with 207s, properties, private-app
/// auth, TEN_SECONDLY_ROLLING / search / DAILY limits, and fault knobs. The admin API under
/// /_admin mirrors the C# methods below, which act as a HubSpot user would (writes move
/// lastmodifieddate on the emulator's clock).
/// </summary>
public sealed class HubSpotEmulator : IAsyncDisposable
{
    private readonly HubSpotContactStore _store;
    private EmulatorHost? _host;

    private HubSpotEmulator(HubSpotEmulatorOptions options)
    {
        Options = options;
        _store = new HubSpotContactStore(options.TimeProvider);
        Limits = new HubSpotRateLimits(options);
        Faults = new FaultInjector(options.TimeProvider, options.FaultSeed);
    }

    public HubSpotEmulatorOptions Options { get; }

    public HubSpotRateLimits Limits { get; }

    public FaultInjector Faults { get; }

    public RequestCapture Capture { get; } = new();

    /// <summary>Where the API listens, e.g. http://127.0.0.1:5xxxx/ — use as the client's base URL.</summary>
    public Uri BaseUri => _host?.BaseUri ?? throw new InvalidOperationException("The HubSpot emulator is not started.");

    /// <summary>Active (not archived) contacts.</summary>
    public int Count => _store.ActiveCount;

    public static async Task<HubSpotEmulator> StartAsync(HubSpotEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new HubSpotEmulator(options ?? new HubSpotEmulatorOptions());
        var api = new HubSpotApi(emulator._store, emulator.Options, emulator.Limits);
        var admin = new HubSpotAdminApi(emulator);
        emulator._host = await EmulatorHost.StartAsync(
            emulator.Options.Port,
            emulator.Capture,
            emulator.Faults,
            new HubSpotErrorResponses(emulator.Options.SendRetryAfter),
            endpoints =>
            {
                api.Map(endpoints);
                admin.Map(endpoints);
            },
            cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Replaces all contacts with <paramref name="count"/> generated people (HubSpot side of <paramref name="options"/>).</summary>
    public void Seed(int count, SeedOptions? options = null) => _store.Seed((options ?? new SeedOptions()) with { Count = count });

    /// <summary>Creates a contact as a user would; throws <see cref="ArgumentException"/> with HubSpot's message when refused.</summary>
    public HubSpotContactSnapshot Create(IReadOnlyDictionary<string, string?> properties)
    {
        var (row, error) = _store.Create(properties);
        return row?.ToSnapshot() ?? throw Refused(error!);
    }

    /// <summary>Edits a contact as a user would; lastmodifieddate moves when a value changes.</summary>
    public HubSpotContactSnapshot Update(long id, IReadOnlyDictionary<string, string?> properties)
    {
        var (row, error) = _store.Update(id, properties);
        return row?.ToSnapshot() ?? throw Refused(error!);
    }

    /// <summary>Deletes (archives) a contact; it then shows only in archived=true listings.</summary>
    public void Archive(long id)
    {
        if (!_store.Archive(id))
        {
            throw new ArgumentException($"Contact {id} does not exist or is already archived.", nameof(id));
        }
    }

    public void Restore(long id)
    {
        if (_store.Restore(id) is { } error)
        {
            throw Refused(error);
        }
    }

    public HubSpotContactSnapshot? Get(long id) => _store.Get(id)?.ToSnapshot();

    /// <summary>Every contact ordered by id (the first <paramref name="limit"/>), archived ones included unless asked otherwise.</summary>
    public IReadOnlyList<HubSpotContactSnapshot> GetAll(bool includeArchived = true, int limit = int.MaxValue) =>
        [.. _store.GetAll(includeArchived, limit).Select(r => r.ToSnapshot())];

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ArgumentException Refused(HubSpotInputError error) =>
        new(string.Create(CultureInfo.InvariantCulture, $"HubSpot refused the change ({error.Status} {error.Category}): {error.Message}"));
}
