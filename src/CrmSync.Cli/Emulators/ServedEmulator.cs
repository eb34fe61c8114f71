using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Cli.Emulators;

/// <summary>
/// One seeded CRM emulator on 127.0.0.1 with its default (test) credentials, for `crmsync sandbox
/// serve` and the connector benchmark. Limits off lets a read run as fast as the emulator serves.
/// </summary>
public sealed class ServedEmulator : IAsyncDisposable
{
    private readonly IAsyncDisposable _emulator;

    private ServedEmulator(Uri baseUri, IAsyncDisposable emulator)
    {
        BaseUri = baseUri;
        _emulator = emulator;
    }

    public Uri BaseUri { get; }

    public static async Task<ServedEmulator> StartAsync(CrmSystem system, SeedOptions seeding, bool limitsEnabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeding);
        if (system == CrmSystem.HubSpot)
        {
            var hubspot = await HubSpotEmulator.StartAsync(new HubSpotEmulatorOptions { LimitsEnabled = limitsEnabled }, cancellationToken).ConfigureAwait(false);
            hubspot.Seed(seeding.Count, seeding);
            return new ServedEmulator(hubspot.BaseUri, hubspot);
        }

        var dynamics = await DynamicsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        dynamics.Limits.Enabled = limitsEnabled;
        dynamics.Seed(seeding.Count, seeding);
        return new ServedEmulator(dynamics.BaseUri, dynamics);
    }

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
