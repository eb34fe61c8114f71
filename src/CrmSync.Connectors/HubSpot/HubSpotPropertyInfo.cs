namespace CrmSync.Connectors.HubSpot;

/// <summary>A contact property as HubSpot describes it (GET /crm/v3/properties/contacts).</summary>
/// <param name="Type">string, number, date, datetime, enumeration, bool.</param>
/// <param name="FieldType">text, phonenumber, radio, booleancheckbox, ...</param>
/// <param name="Options">Enumeration options; empty for other types.</param>
public sealed record HubSpotPropertyInfo(
    string Name,
    string Label,
    string Type,
    string FieldType,
    bool HasUniqueValue,
    bool ReadOnlyValue,
    IReadOnlyList<HubSpotPropertyOptionInfo> Options);
