namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>One field_mappings.yaml entry suggested by discovery.</summary>
/// <param name="Name">Unified field name.</param>
/// <param name="Type">field_mappings.yaml type (string, email, phone, number, date, datetime, boolean, option_set).</param>
/// <param name="Why">Why the two were paired (known pair, same name, matching option labels).</param>
/// <param name="OptionCodes">For option sets: HubSpot option value to Dynamics code, for sources.yaml dynamics.option_sets.</param>
public sealed record SuggestedField(
    string Name,
    string Type,
    string HubSpotProperty,
    string HubSpotLabel,
    string DynamicsAttribute,
    string Why,
    IReadOnlyDictionary<string, int>? OptionCodes = null);
