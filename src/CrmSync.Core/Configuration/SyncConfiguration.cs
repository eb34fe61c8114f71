namespace CrmSync.Core.Configuration;

/// <summary>
/// sources.yaml and field_mappings.yaml, parsed, overridden from the environment and checked
/// against each other. The one object the pipeline is configured with.
/// </summary>
public sealed class SyncConfiguration
{
    /// <summary>HubSpot properties every read needs besides the mapped ones.</summary>
    public static readonly IReadOnlyList<string> HubSpotSystemProperties = ["hs_object_id", "createdate", "lastmodifieddate"];

    /// <summary>Dynamics attributes every read needs besides the mapped ones.</summary>
    public static readonly IReadOnlyList<string> DynamicsSystemAttributes = ["contactid", "createdon", "modifiedon"];

    private SyncConfiguration(SourcesConfig sources, FieldMappingSet mappings)
    {
        Sources = sources;
        Mappings = mappings;
        HubSpotPropertiesToRead = PropertiesToRead(
            sources.HubSpot.Properties, HubSpotSystemProperties, mappings.Fields.Select(f => f.HubSpotProperty));
        DynamicsAttributesToRead = PropertiesToRead(
            sources.Dynamics.Attributes, DynamicsSystemAttributes, mappings.Fields.Select(f => f.DynamicsReadName));
    }

    public SourcesConfig Sources { get; }

    public FieldMappingSet Mappings { get; }

    /// <summary>The configured properties, else the mapped ones; always with the system properties.</summary>
    public IReadOnlyList<string> HubSpotPropertiesToRead { get; }

    /// <summary>The configured attributes, else the mapped ones (lookups as _x_value); always with the system attributes.</summary>
    public IReadOnlyList<string> DynamicsAttributesToRead { get; }

    /// <summary>
    /// Parses both files and checks them together; throws one <see cref="ConfigurationException"/>
    /// carrying every error of both files.
    /// </summary>
    public static SyncConfiguration Load(
        string sourcesYaml,
        string sourcesFileName,
        string mappingsYaml,
        string mappingsFileName,
        IReadOnlyDictionary<string, string> environment)
    {
        var errors = new ConfigurationErrorList();
        var sources = SourcesConfigParser.Parse(sourcesYaml, sourcesFileName, environment, errors);
        var mappings = FieldMappingsParser.Parse(mappingsYaml, mappingsFileName, errors);
        if (sources is not null && mappings is not null)
        {
            CheckAgainstEachOther(sources, mappings, errors);
        }

        errors.ThrowIfAny();
        return new SyncConfiguration(sources!, mappings!);
    }

    private static void CheckAgainstEachOther(SourcesConfig sources, FieldMappingSet mappings, ConfigurationErrorList errors)
    {
        foreach (var field in mappings.Fields)
        {
            var at = field.Location;
            if (field.Type == FieldType.OptionSet && !sources.Dynamics.OptionSets.ContainsKey(field.DynamicsAttribute))
            {
                errors.Add(at.File, at.Line, at.Column, field.Name + ".dynamics",
                    $"option_set field needs dynamics.option_sets.{field.DynamicsAttribute} (HubSpot value -> option code) in sources.yaml");
            }

            if (field.Type == FieldType.Lookup && !sources.Dynamics.Lookups.ContainsKey(field.DynamicsAttribute))
            {
                errors.Add(at.File, at.Line, at.Column, field.Name + ".dynamics",
                    $"lookup field needs dynamics.lookups.{field.DynamicsAttribute} (navigation_property, entity_set) in sources.yaml");
            }
        }
    }

    private static string[] PropertiesToRead(
        IReadOnlyList<string>? configured, IReadOnlyList<string> system, IEnumerable<string> mapped) =>
        [.. system.Concat(configured ?? mapped).Distinct(StringComparer.Ordinal)];
}
