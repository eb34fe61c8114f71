namespace CrmSync.Core.Contacts;

/// <summary>A record's identity across the lake: its CRM plus that CRM's id. Prints as <c>hubspot:123</c>.</summary>
public readonly record struct SourceKey(SourceSystem System, string Id)
{
    public override string ToString() => SourceSystemNames.Of(System) + ":" + Id;
}
