using System.Globalization;
using CrmSync.Core.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace CrmSync.Core.Configuration;

/// <summary>
/// Parses and validates sources.yaml, applying environment overrides (HUBSPOT_TOKEN, D365_ORG_URI,
/// CRMSYNC_LAKE, ...). Every error names the file (or "environment"), line and key.
/// </summary>
public sealed class SourcesConfigParser
{
    private static readonly TimeSpan MaxLookback = TimeSpan.FromDays(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConfigurationErrorList _list;
    private readonly YamlErrorSink _errors;

    private SourcesConfigParser(string fileName, IReadOnlyDictionary<string, string> environment, ConfigurationErrorList list)
    {
        _environment = environment;
        _list = list;
        _errors = new YamlErrorSink(fileName, list);
    }

    /// <summary>Parses <paramref name="yamlText"/> read from <paramref name="fileName"/>; throws <see cref="ConfigurationException"/> listing every error.</summary>
    public static SourcesConfig Parse(string yamlText, string fileName, IReadOnlyDictionary<string, string> environment)
    {
        var list = new ConfigurationErrorList();
        var config = Parse(yamlText, fileName, environment, list);
        list.ThrowIfAny();
        return config!;
    }

    internal static SourcesConfig? Parse(
        string yamlText, string fileName, IReadOnlyDictionary<string, string> environment, ConfigurationErrorList list)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(environment);
        var parser = new SourcesConfigParser(fileName, environment, list);
        var root = YamlDocumentLoader.LoadRoot(yamlText, parser._errors, list);
        return root is null ? null : parser.ReadRoot(root);
    }

    private SourcesConfig? ReadRoot(YamlSection root)
    {
        var errorsBefore = _list.Count;
        var lakeRoot = ReadLakeRoot(root, out var deletionVectors, out var partitionRows, out var compression, out var optimizeAfterFiles);
        var secrets = root.Section("secrets");
        var keyVault = secrets is null ? null : ReadKeyVault(secrets);
        var hubspot = ReadHubSpot(root.Section("hubspot", required: true));
        var dynamics = ReadDynamics(root.Section("dynamics", required: true));
        var retry = ReadRetry(root.Section("retry"));
        var push = ReadPush(root.Section("push"));
        var crosswalk = ReadCrosswalk(root.Section("crosswalk"));
        root.RejectUnknownKeys();

        if (keyVault is null)
        {
            RequireNoKeyVaultReference(root, hubspot?.Token, "hubspot.auth.token");
            RequireNoKeyVaultReference(root, dynamics?.ClientSecret, "dynamics.auth.client_secret");
        }

        return _list.Count > errorsBefore || lakeRoot is null || hubspot is null || dynamics is null
            ? null
            : new SourcesConfig(lakeRoot, keyVault, hubspot, dynamics, retry, push, crosswalk)
            {
                DeletionVectors = deletionVectors, PartitionRows = partitionRows, Compression = compression, OptimizeAfterFiles = optimizeAfterFiles,
            };
    }

    private string? ReadLakeRoot(YamlSection root, out bool deletionVectors, out int partitionRows, out LakeFileCodec compression, out int optimizeAfterFiles)
    {
        var lake = root.Section("lake");
        var fromFile = lake?.String("root");
        deletionVectors = lake?.Bool("deletion_vectors") ?? true;
        partitionRows = lake?.Int("partition_rows", 1, 100_000_000) ?? SourcesConfig.DefaultPartitionRows;
        compression = lake?.Enum("compression", EnumSpelling.FileCodecs) ?? LakeFileCodec.Zstd;
        optimizeAfterFiles = lake?.Int("optimize_after_files", 0, 1_000_000) ?? SourcesConfig.DefaultOptimizeAfterFiles;
        lake?.RejectUnknownKeys();
        var lakeRoot = Override(EnvironmentVariables.LakeRoot) ?? fromFile;
        if (lakeRoot is null)
        {
            _errors.At(lake?.Node ?? root.Node, "lake.root",
                $"required: the folder of the Delta tables (or set {EnvironmentVariables.LakeRoot})");
        }

        return lakeRoot;
    }

    private static Uri? ReadKeyVault(YamlSection secrets)
    {
        var uri = secrets.AbsoluteUri("key_vault_uri");
        secrets.RejectUnknownKeys();
        return uri;
    }

    private HubSpotSettings? ReadHubSpot(YamlSection? section)
    {
        if (section is null)
        {
            return null;
        }

        var baseUrl = UriSetting(section, "base_url", EnvironmentVariables.HubSpotBaseUrl)
                      ?? new Uri("https://api.hubapi.com/");
        var auth = section.Section("auth", required: true);
        var mode = auth?.Enum("mode", EnumSpelling.HubSpotAuthModes) ?? HubSpotAuthMode.PrivateAppToken;
        var token = auth is null ? null : SecretSetting(auth, "token", EnvironmentVariables.HubSpotToken, required: true);
        auth?.RejectUnknownKeys();

        var properties = NameList(section, "properties");
        var limits = section.Section("rate_limits");
        var rateLimits = new HubSpotRateLimits(
            limits?.Int("per_10s", 1, 1_000) ?? 100,
            limits?.Int("search_per_second", 1, 100) ?? 4,
            limits?.Int("daily", 1, 100_000_000) ?? 250_000);
        limits?.RejectUnknownKeys();

        var batchSize = section.Int("batch_size", 1, 100) ?? 100;
        var pageSize = section.Int("page_size", 1, 200) ?? 200;
        var lookback = section.Duration("lookback", MaxLookback) ?? TimeSpan.FromMinutes(5);
        section.RejectUnknownKeys();

        return token is null
            ? null
            : new HubSpotSettings(baseUrl, mode, token, properties, rateLimits, batchSize, pageSize, lookback);
    }

    private DynamicsSettings? ReadDynamics(YamlSection? section)
    {
        if (section is null)
        {
            return null;
        }

        var orgUri = OrgUriSetting(section);
        var authority = UriSetting(section, "authority_host", EnvironmentVariables.DynamicsAuthorityHost)
                        ?? new Uri("https://login.microsoftonline.com/");
        var tenantId = StringSetting(section, "tenant_id", EnvironmentVariables.DynamicsTenantId);
        var clientId = StringSetting(section, "client_id", EnvironmentVariables.DynamicsClientId);

        var auth = section.Section("auth", required: true);
        var mode = auth?.Enum("mode", EnumSpelling.DynamicsAuthModes) ?? DynamicsAuthMode.ClientSecret;
        var secret = auth is null
            ? null
            : SecretSetting(auth, "client_secret", EnvironmentVariables.DynamicsClientSecret,
                required: mode == DynamicsAuthMode.ClientSecret);
        auth?.RejectUnknownKeys();
        if (mode == DynamicsAuthMode.ClientSecret)
        {
            RequireSetting(section, tenantId, "tenant_id", EnvironmentVariables.DynamicsTenantId);
            RequireSetting(section, clientId, "client_id", EnvironmentVariables.DynamicsClientId);
        }

        var attributes = NameList(section, "attributes");
        var readMode = section.Enum("read_mode", EnumSpelling.ReadModes) ?? DynamicsReadMode.Incremental;
        var limits = section.Section("rate_limits");
        var rateLimits = new DynamicsRateLimits(
            limits?.Int("per_5min", 1, 6_000) ?? 6_000,
            limits?.Int("concurrency", 1, 52) ?? 8);
        limits?.RejectUnknownKeys();

        var batchSize = section.Int("batch_size", 1, 1_000) ?? 100;
        var pageSize = section.Int("page_size", 1, 5_000) ?? 5_000;
        var lookback = section.Duration("lookback", MaxLookback) ?? TimeSpan.FromMinutes(5);
        var optionSets = ReadOptionSets(section.Section("option_sets"));
        var lookups = ReadLookups(section.Section("lookups"));
        section.RejectUnknownKeys();

        return orgUri is null
            ? null
            : new DynamicsSettings(orgUri, authority, tenantId, clientId, mode, secret, attributes, readMode,
                rateLimits, batchSize, pageSize, lookback, optionSets, lookups);
    }

    private Dictionary<string, OptionSetMap> ReadOptionSets(YamlSection? section)
    {
        var result = new Dictionary<string, OptionSetMap>(StringComparer.Ordinal);
        if (section is null)
        {
            return result;
        }

        foreach (var (attribute, keyNode, value) in section.Entries())
        {
            var path = section.KeyPath(attribute);
            if (value is not YamlMappingNode options || options.Children.Count == 0)
            {
                _errors.At(keyNode, path, "must map each HubSpot value (label) to its Dynamics option code");
                continue;
            }

            var pairs = new List<KeyValuePair<string, int>>();
            var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var codes = new HashSet<int>();
            foreach (var (labelNode, codeNode) in options.Children)
            {
                var label = (labelNode as YamlScalarNode)?.Value?.Trim() ?? "";
                var codeText = (codeNode as YamlScalarNode)?.Value?.Trim();
                var labelPath = $"{path}.{label}";
                if (!int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
                {
                    _errors.At(codeNode, labelPath, $"option code must be a whole number, got '{codeText}'");
                }
                else if (!labels.Add(label))
                {
                    _errors.At(labelNode, labelPath, "label appears twice (labels match case-insensitively)");
                }
                else if (!codes.Add(code))
                {
                    _errors.At(codeNode, labelPath,
                        string.Create(CultureInfo.InvariantCulture, $"code {code} is already used by another label"));
                }
                else
                {
                    pairs.Add(new(label, code));
                }
            }

            result[attribute] = new OptionSetMap(attribute, pairs);
        }

        return result;
    }

    private Dictionary<string, LookupBinding> ReadLookups(YamlSection? section)
    {
        var result = new Dictionary<string, LookupBinding>(StringComparer.Ordinal);
        if (section is null)
        {
            return result;
        }

        foreach (var (attribute, keyNode, value) in section.Entries())
        {
            if (value is not YamlMappingNode mapping)
            {
                _errors.At(keyNode, section.KeyPath(attribute), "must have navigation_property and entity_set");
                continue;
            }

            var lookup = new YamlSection(mapping, section.KeyPath(attribute), _errors);
            var navigation = lookup.String("navigation_property", required: true);
            var entitySet = lookup.String("entity_set", required: true);
            lookup.RejectUnknownKeys();
            if (navigation is not null && entitySet is not null)
            {
                result[attribute] = new LookupBinding(navigation, entitySet);
            }
        }

        return result;
    }

    private static RetryPolicy ReadRetry(YamlSection? section)
    {
        var policy = new RetryPolicy(
            section?.Int("max_attempts", 1, 100) ?? 5,
            section?.Duration("base_delay", MaxDelay) ?? TimeSpan.FromSeconds(1),
            section?.Duration("max_delay", MaxDelay) ?? TimeSpan.FromMinutes(1));
        if (section is not null && policy.MaxDelay < policy.BaseDelay)
        {
            section.Error("max_delay", "must not be shorter than base_delay");
        }

        section?.RejectUnknownKeys();
        return policy;
    }

    private static PushSettings ReadPush(YamlSection? section)
    {
        var push = new PushSettings(
            section?.Int("max_attempts", 1, 100) ?? 5,
            section?.Duration("base_backoff", MaxDelay) ?? TimeSpan.FromMinutes(1),
            section?.Duration("max_backoff", MaxDelay) ?? TimeSpan.FromHours(1));
        if (section is not null && push.MaxBackoff < push.BaseBackoff)
        {
            section.Error("max_backoff", "must not be shorter than base_backoff");
        }

        section?.RejectUnknownKeys();
        return push;
    }

    private static CrosswalkSettings ReadCrosswalk(YamlSection? section)
    {
        var rule = section?.Enum("duplicate_rule", EnumSpelling.DuplicateRules) ?? DuplicateRule.MostRecentlyModified;
        section?.RejectUnknownKeys();
        return new CrosswalkSettings(rule);
    }

    private Uri? OrgUriSetting(YamlSection section)
    {
        var fromFile = section.String("org_uri");
        var fromEnv = Override(EnvironmentVariables.DynamicsOrgUri);
        var text = fromEnv ?? fromFile;
        if (text is null)
        {
            RequireSetting(section, null, "org_uri", EnvironmentVariables.DynamicsOrgUri);
            return null;
        }

        if (DynamicsOrgUri.TryNormalize(text, out var uri))
        {
            return uri;
        }

        SettingError(section, "org_uri", fromEnv is null ? null : EnvironmentVariables.DynamicsOrgUri,
            $"must be the org URL like https://contoso.crm.dynamics.com, got '{text}'");
        return null;
    }

    private Uri? UriSetting(YamlSection section, string key, string environmentVariable)
    {
        var fromFile = section.String(key);
        var fromEnv = Override(environmentVariable);
        var text = fromEnv ?? fromFile;
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        SettingError(section, key, fromEnv is null ? null : environmentVariable,
            $"must be an absolute http(s) URL, got '{text}'");
        return null;
    }

    /// <summary>A secret from its environment override, else the file's reference (resolved from the environment when env:).</summary>
    private Secret? SecretSetting(YamlSection section, string key, string environmentVariable, bool required)
    {
        var fromEnv = Override(environmentVariable);
        var text = section.String(key);
        Secret? secret = null;
        if (text is not null && !Secret.TryParseReference(text, out secret))
        {
            // The text may be a real secret pasted by mistake: never echo it.
            section.Error(key, "must be a reference like env:NAME or keyvault:NAME; literal secrets are not allowed in configuration files");
            return null;
        }

        if (fromEnv is not null)
        {
            return Secret.FromEnvironment(environmentVariable, fromEnv);
        }

        if (secret is null)
        {
            if (required)
            {
                section.Error(key, $"required: a reference like env:{environmentVariable} or keyvault:<name>");
            }

            return null;
        }

        return secret.Store == SecretStore.Environment && Override(secret.Name) is { } value
            ? secret.WithValue(value)
            : secret;
    }

    private void RequireNoKeyVaultReference(YamlSection root, Secret? secret, string key)
    {
        if (secret is { Store: SecretStore.KeyVault })
        {
            _errors.At(root.Node, key, $"uses {secret.Reference} but secrets.key_vault_uri is not set");
        }
    }

    private List<string>? NameList(YamlSection section, string key)
    {
        var sequence = section.Sequence(key);
        if (sequence is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { } name } && !string.IsNullOrWhiteSpace(name))
            {
                names.Add(name.Trim());
            }
            else
            {
                _errors.At(item, section.KeyPath(key), "each entry must be a property name");
            }
        }

        return names;
    }

    private void RequireSetting(YamlSection section, string? value, string key, string environmentVariable)
    {
        if (value is null)
        {
            _errors.At(section.Node, section.KeyPath(key), $"required (or set {environmentVariable})");
        }
    }

    private void SettingError(YamlSection section, string key, string? environmentVariable, string message)
    {
        if (environmentVariable is null)
        {
            section.Error(key, message);
        }
        else
        {
            _list.Add(EnvironmentVariables.ErrorFileName, 0, 0, environmentVariable, message);
        }
    }

    private string? StringSetting(YamlSection section, string key, string environmentVariable)
    {
        var fromFile = section.String(key);
        return Override(environmentVariable) ?? fromFile;
    }

    private string? Override(string environmentVariable) =>
        _environment.TryGetValue(environmentVariable, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;
}
