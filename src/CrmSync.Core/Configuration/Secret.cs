namespace CrmSync.Core.Configuration;

/// <summary>
/// A credential named by reference (<c>env:NAME</c> or <c>keyvault:NAME</c>) and, once known, its
/// value. The value never appears in <see cref="ToString"/>, exceptions or records that print this.
/// </summary>
public sealed class Secret
{
    private const string EnvPrefix = "env:";
    private const string KeyVaultPrefix = "keyvault:";
    private readonly string? _value;

    private Secret(SecretStore store, string name, string? value)
    {
        Store = store;
        Name = name;
        _value = value;
    }

    public SecretStore Store { get; }

    /// <summary>Environment variable or Key Vault secret name. Not secret itself.</summary>
    public string Name { get; }

    public string Reference => (Store == SecretStore.Environment ? EnvPrefix : KeyVaultPrefix) + Name;

    public bool HasValue => _value is not null;

    /// <summary>Parses <c>env:NAME</c> or <c>keyvault:NAME</c>; anything else (a literal secret) is rejected.</summary>
    public static bool TryParseReference(string text, out Secret secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        secret = null!;
        var (store, name) = text.StartsWith(EnvPrefix, StringComparison.Ordinal)
            ? (SecretStore.Environment, text[EnvPrefix.Length..])
            : text.StartsWith(KeyVaultPrefix, StringComparison.Ordinal)
                ? (SecretStore.KeyVault, text[KeyVaultPrefix.Length..])
                : (SecretStore.Environment, "");
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return false;
        }

        secret = new Secret(store, name, null);
        return true;
    }

    /// <summary>A secret whose value came straight from an environment variable.</summary>
    public static Secret FromEnvironment(string variable, string value) =>
        new(SecretStore.Environment, variable, value);

    /// <summary>This reference with its resolved value (e.g. fetched from Key Vault by the pipeline).</summary>
    public Secret WithValue(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new Secret(Store, Name, value);
    }

    /// <summary>The value, for the one place that sends it (an HTTP header, a token request).</summary>
    public string Reveal() => _value ?? throw new InvalidOperationException(
        Store == SecretStore.Environment
            ? $"Secret {Reference} has no value: set the environment variable {Name}."
            : $"Secret {Reference} has not been fetched from Key Vault.");

    public override string ToString() => Reference + (HasValue ? " (value hidden)" : " (no value)");
}
