namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>Discovery's result: suggested pairs, and the HubSpot properties it could not pair.</summary>
/// <param name="Unpaired">HubSpot properties (name, label, type) left for a person to map or ignore.</param>
public sealed record FieldSuggestions(
    IReadOnlyList<SuggestedField> Fields,
    IReadOnlyList<(string Name, string Label, string Type)> Unpaired,
    int HubSpotProperties,
    int DynamicsPicklists);
