using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace CrmSync.Pipeline.Configuration;

/// <summary>Reads keyvault:NAME secrets from Azure Key Vault with DefaultAzureCredential (managed identity, az login, env).</summary>
public sealed class KeyVaultSecretResolver : ISecretResolver
{
    private readonly SecretClient _client;
    private readonly Uri _vaultUri;

    public KeyVaultSecretResolver(Uri vaultUri)
    {
        _vaultUri = vaultUri;
        _client = new SecretClient(vaultUri, new DefaultAzureCredential());
    }

    public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return secret.Value.Value;
        }
        catch (RequestFailedException e)
        {
            // The message names the vault and the secret, never a value.
            throw new InvalidOperationException($"Key Vault {_vaultUri} could not return secret '{name}': HTTP {e.Status} {e.ErrorCode}.", e);
        }
    }
}
