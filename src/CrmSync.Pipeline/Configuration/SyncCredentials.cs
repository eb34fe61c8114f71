namespace CrmSync.Pipeline.Configuration;

/// <summary>The secret values the connectors need, resolved from the environment or Key Vault. Never printed.</summary>
public sealed class SyncCredentials(string hubSpotToken, string? dynamicsClientSecret)
{
    public string HubSpotToken { get; } = hubSpotToken;

    /// <summary>Null with managed identity.</summary>
    public string? DynamicsClientSecret { get; } = dynamicsClientSecret;

    public override string ToString() => "SyncCredentials (values hidden)";
}
