using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Cli.Demo;

/// <summary>
/// Both CRM emulators on 127.0.0.1, seeded with the same generated people (overlap, duplicate emails in
/// Dynamics, missing emails, invalid values), and the environment overrides that point the shipped
/// configs/sources.yaml at them, exactly as a deployment points it at real tenants.
/// </summary>
internal sealed class DemoSandbox : IAsyncDisposable
{
    private DemoSandbox(HubSpotEmulator hubspot, DynamicsEmulator dynamics)
    {
        HubSpot = hubspot;
        Dynamics = dynamics;
    }

    public HubSpotEmulator HubSpot { get; }

    public DynamicsEmulator Dynamics { get; }

    public static async Task<DemoSandbox> StartAsync(int contactsPerSide, int seed, CancellationToken cancellationToken)
    {
        var hubspot = await HubSpotEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var dynamics = await DynamicsEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var people = new SeedOptions { Seed = seed };
            hubspot.Seed(contactsPerSide, people);
            dynamics.Seed(contactsPerSide, people);
            return new DemoSandbox(hubspot, dynamics);
        }
        catch
        {
            await hubspot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The overrides that point the shipped configs at these emulators.</summary>
    public IReadOnlyDictionary<string, string> Environment(string lakeRoot) => EmulatorEnvironment.For(HubSpot, Dynamics, lakeRoot);

    public async ValueTask DisposeAsync()
    {
        await HubSpot.DisposeAsync().ConfigureAwait(false);
        await Dynamics.DisposeAsync().ConfigureAwait(false);
    }
}
