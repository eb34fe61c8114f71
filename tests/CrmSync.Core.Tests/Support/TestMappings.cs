using CrmSync.Core.Configuration;

namespace CrmSync.Core.Tests.Support;

/// <summary>Field mappings and sources built in code for domain tests.</summary>
internal static class TestMappings
{
    public static SourcesConfig Sources { get; } = SourcesConfigParser.Parse(
        Configuration.SampleConfig.Sources, "sources.yaml", NoEnvironment.Instance);

    public static IReadOnlyDictionary<string, OptionSetMap> OptionSets => Sources.Dynamics.OptionSets;

    public static FieldMapping Field(
        string name,
        FieldType type = FieldType.Text,
        SyncDirection direction = SyncDirection.Bi,
        WriteStrategy strategy = WriteStrategy.Overwrite,
        ConflictRule conflict = ConflictRule.LatestWins,
        bool emptyWins = false,
        string? hubspot = null,
        string? dynamics = null) =>
        new(name, hubspot ?? name, dynamics ?? "d_" + name, type, direction, strategy, conflict, emptyWins,
            new SourceLocation("test", 1, 1));

    /// <summary>A realistic set: email (match), names, phone, a manual title, an option set, a boolean, a lookup.</summary>
    public static FieldMappingSet Standard(bool createInHubSpot = true, bool createInDynamics = true) => new(
        [
            Field("email", FieldType.Email, hubspot: "email", dynamics: "emailaddress1"),
            Field("first_name", hubspot: "firstname", dynamics: "firstname"),
            Field("phone", FieldType.Phone, conflict: ConflictRule.DynamicsWins, hubspot: "phone", dynamics: "telephone1"),
            Field("mobile_phone", FieldType.Phone, strategy: WriteStrategy.FillIfMissing, hubspot: "mobilephone", dynamics: "mobilephone"),
            Field("job_title", conflict: ConflictRule.Manual, hubspot: "jobtitle", dynamics: "jobtitle"),
            Field("lifecycle_stage", FieldType.OptionSet, conflict: ConflictRule.HubSpotWins, hubspot: "lifecyclestage", dynamics: "new_lifecyclestage"),
            Field("email_opt_out", FieldType.Boolean, hubspot: "hs_email_optout", dynamics: "donotbulkemail"),
            Field("account_id", FieldType.Lookup, SyncDirection.ToHubSpot, hubspot: "dynamics_account_id", dynamics: "parentcustomerid"),
        ],
        "email",
        createInHubSpot,
        createInDynamics);
}
