namespace CrmSync.Connectors.HubSpot;

/// <summary>An enumeration option: the label users see and the internal value the API reads and writes.</summary>
public sealed record HubSpotPropertyOptionInfo(string Label, string Value);
