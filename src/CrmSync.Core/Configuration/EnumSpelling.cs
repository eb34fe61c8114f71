namespace CrmSync.Core.Configuration;

/// <summary>The snake_case spellings the YAML files use for each configuration enum.</summary>
internal static class EnumSpelling
{
    public static IReadOnlyDictionary<string, FieldType> FieldTypes { get; } = Table(
        ("string", FieldType.Text), ("email", FieldType.Email), ("phone", FieldType.Phone),
        ("number", FieldType.Number), ("date", FieldType.Date), ("datetime", FieldType.DateTime),
        ("boolean", FieldType.Boolean), ("option_set", FieldType.OptionSet), ("lookup", FieldType.Lookup));

    public static IReadOnlyDictionary<string, SyncDirection> Directions { get; } = Table(
        ("bi", SyncDirection.Bi), ("to_hubspot", SyncDirection.ToHubSpot), ("to_dynamics", SyncDirection.ToDynamics));

    public static IReadOnlyDictionary<string, WriteStrategy> Strategies { get; } = Table(
        ("overwrite", WriteStrategy.Overwrite), ("fill_if_missing", WriteStrategy.FillIfMissing));

    public static IReadOnlyDictionary<string, ConflictRule> ConflictRules { get; } = Table(
        ("hubspot_wins", ConflictRule.HubSpotWins), ("dynamics_wins", ConflictRule.DynamicsWins),
        ("latest_wins", ConflictRule.LatestWins), ("manual", ConflictRule.Manual));

    public static IReadOnlyDictionary<string, DuplicateRule> DuplicateRules { get; } = Table(
        ("most_recently_modified", DuplicateRule.MostRecentlyModified),
        ("oldest_created", DuplicateRule.OldestCreated), ("lowest_id", DuplicateRule.LowestId));

    public static IReadOnlyDictionary<string, DynamicsReadMode> ReadModes { get; } = Table(
        ("incremental", DynamicsReadMode.Incremental), ("change_tracking", DynamicsReadMode.ChangeTracking));

    public static IReadOnlyDictionary<string, DynamicsAuthMode> DynamicsAuthModes { get; } = Table(
        ("client_secret", DynamicsAuthMode.ClientSecret), ("managed_identity", DynamicsAuthMode.ManagedIdentity));

    public static IReadOnlyDictionary<string, HubSpotAuthMode> HubSpotAuthModes { get; } = Table(
        ("private_app_token", HubSpotAuthMode.PrivateAppToken));

    public static IReadOnlyDictionary<string, LakeFileCodec> FileCodecs { get; } = Table(
        ("zstd", LakeFileCodec.Zstd), ("snappy", LakeFileCodec.Snappy), ("lz4_raw", LakeFileCodec.Lz4Raw), ("uncompressed", LakeFileCodec.Uncompressed));

    private static Dictionary<string, T> Table<T>(params (string Name, T Value)[] entries)
        where T : struct, Enum =>
        entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
