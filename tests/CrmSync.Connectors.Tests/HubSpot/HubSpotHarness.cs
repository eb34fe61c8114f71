using CrmSync.Connectors.Common;
using CrmSync.Connectors.HubSpot;
using CrmSync.Connectors.Tests.Common;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>A HubSpot emulator on 127.0.0.1 and a client pointed at it, with recording reporter and logger.</summary>
public sealed class HubSpotHarness : IAsyncDisposable
{
    public const string Token = "pat-na1-11111111-2222-3333-4444-555555555555";

    private HubSpotHarness(HubSpotEmulator emulator, HubSpotClient client, RecordingReporter reporter, RecordingLogger logger)
    {
        Emulator = emulator;
        Client = client;
        Reporter = reporter;
        Logger = logger;
    }

    public HubSpotEmulator Emulator { get; }

    public HubSpotClient Client { get; }

    public RecordingReporter Reporter { get; }

    public RecordingLogger Logger { get; }

    /// <summary>Limits off on both sides unless the test turns them on; retries without jitter.</summary>
    public static async Task<HubSpotHarness> StartAsync(
        Func<HubSpotEmulatorOptions, HubSpotEmulatorOptions>? emulator = null,
        Func<HubSpotClientOptions, HubSpotClientOptions>? client = null)
    {
        var emulatorOptions = new HubSpotEmulatorOptions { AccessToken = Token, LimitsEnabled = false };
        var hubSpot = await HubSpotEmulator.StartAsync(emulator?.Invoke(emulatorOptions) ?? emulatorOptions);
        var reporter = new RecordingReporter();
        var logger = new RecordingLogger();
        var clientOptions = new HubSpotClientOptions
        {
            BaseUri = hubSpot.BaseUri,
            AccessToken = Token,
            RateLimit = new RateLimitOptions(190, TimeSpan.FromSeconds(10)) { Enabled = false },
            SearchRateLimit = new RateLimitOptions(4, TimeSpan.FromSeconds(1)) { Enabled = false },
            Retry = new RetryOptions { UseJitter = false, BaseDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = 4 },
            Reporter = reporter,
            Logger = logger,
        };
        return new HubSpotHarness(hubSpot, new HubSpotClient(client?.Invoke(clientOptions) ?? clientOptions), reporter, logger);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
