namespace CrmSync.Core.Configuration;

/// <summary>Where a secret's value lives.</summary>
public enum SecretStore
{
    Environment,
    KeyVault,
}
