namespace CrmSync.Sandbox.HubSpot;

/// <summary>An enumeration option: label shown to users, internal value stored and searched.</summary>
public sealed record HubSpotPropertyOption(string Label, string Value, int DisplayOrder);
