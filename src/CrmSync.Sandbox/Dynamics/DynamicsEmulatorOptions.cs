namespace CrmSync.Sandbox.Dynamics;

/// <summary>How a <see cref="DynamicsEmulator"/> starts. Limits and faults can be changed while it runs.</summary>
public sealed record DynamicsEmulatorOptions
{
    /// <summary>0 = a free port on 127.0.0.1.</summary>
    public int Port { get; init; }

    public string TenantId { get; init; } = "emulator-tenant";

    public string ClientId { get; init; } = "crmsync-emulator-client";

    /// <summary>The client secret the token endpoint accepts. A test value, never a real secret.</summary>
    public string ClientSecret { get; init; } = "emulator-client-secret-value";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>Drives modifiedon, token expiry, delta-token expiry, limits and injected latency.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Seed of the fault injector's RNG.</summary>
    public int FaultSeed { get; init; } = 1;
}
