namespace CrmSync.Pipeline.Configuration;

/// <summary>Fetches a secret's value by name from a vault. Behind an interface so tests use a fake.</summary>
public interface ISecretResolver
{
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);
}
