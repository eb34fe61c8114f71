namespace CrmSync.Core.Configuration;

/// <summary>How a field's values are normalized for comparison and formatted for each CRM.</summary>
public enum FieldType
{
    /// <summary>Free text ("string" in YAML).</summary>
    Text,
    Email,
    Phone,
    Number,
    Date,
    DateTime,
    Boolean,
    OptionSet,
    Lookup,
}
