namespace CrmSync.Sandbox.HubSpot;

/// <summary>One contact property as GET /crm/v3/properties/contacts describes it.</summary>
/// <param name="Type">string, number, date, datetime, enumeration, bool.</param>
/// <param name="FieldType">text, phonenumber, radio, booleancheckbox, date, number, ...</param>
public sealed record HubSpotPropertyDefinition(
    string Name,
    string Label,
    string Type,
    string FieldType,
    bool ReadOnly,
    bool HasUniqueValue,
    IReadOnlyList<HubSpotPropertyOption> Options);
