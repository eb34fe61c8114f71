namespace CrmSync.Core.Configuration;

/// <summary>One synced field: its unified name, its name in each CRM and the rules that move it.</summary>
/// <param name="Name">Unified field name (a column name in silver and gold).</param>
/// <param name="HubSpotProperty">HubSpot contact property internal name.</param>
/// <param name="DynamicsAttribute">Dynamics contact attribute logical name (for a lookup, the lookup attribute, e.g. parentcustomerid).</param>
/// <param name="Type">How values are normalized and formatted.</param>
/// <param name="Direction">Which CRM(s) are written.</param>
/// <param name="Strategy">Overwrite or fill only empty targets.</param>
/// <param name="Conflict">Survivorship rule for bi fields; one-way fields always take their source's value.</param>
/// <param name="EmptyWins">When true an emptied value beats a non-empty one (clearing propagates).</param>
/// <param name="Location">Where the field is declared.</param>
public sealed record FieldMapping(
    string Name,
    string HubSpotProperty,
    string DynamicsAttribute,
    FieldType Type,
    SyncDirection Direction,
    WriteStrategy Strategy,
    ConflictRule Conflict,
    bool EmptyWins,
    SourceLocation Location)
{
    /// <summary>The name Dynamics returns the value under: lookups read as <c>_attribute_value</c>.</summary>
    public string DynamicsReadName => Type == FieldType.Lookup ? $"_{DynamicsAttribute}_value" : DynamicsAttribute;

    /// <summary>The property/attribute holding this field in <paramref name="system"/>'s records.</summary>
    public string SourceName(SourceSystem system) =>
        system == SourceSystem.HubSpot ? HubSpotProperty : DynamicsReadName;

    /// <summary>True when values of this field are written to <paramref name="target"/>.</summary>
    public bool WritesTo(SourceSystem target) => Direction switch
    {
        SyncDirection.Bi => true,
        SyncDirection.ToHubSpot => target == SourceSystem.HubSpot,
        _ => target == SourceSystem.Dynamics,
    };
}
