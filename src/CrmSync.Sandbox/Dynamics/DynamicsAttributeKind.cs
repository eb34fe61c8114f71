namespace CrmSync.Sandbox.Dynamics;

/// <summary>The column types the emulated contact table uses.</summary>
public enum DynamicsAttributeKind
{
    Key,
    Text,
    Picklist,
    Boolean,
    Lookup,
    DateTime,
}
