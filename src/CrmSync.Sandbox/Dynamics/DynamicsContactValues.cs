namespace CrmSync.Sandbox.Dynamics;

/// <summary>Reads a column of a row by logical name, including the system columns kept outside Attributes.</summary>
internal static class DynamicsContactValues
{
    public static object? Read(DynamicsContact row, string attribute) => attribute switch
    {
        "contactid" => row.ContactId,
        "createdon" => row.CreatedOn,
        "modifiedon" => row.ModifiedOn,
        "versionnumber" => row.VersionNumber,
        _ => row[attribute],
    };

    public static void EnsureKnown(string attribute)
    {
        if (attribute != "versionnumber" && !DynamicsContactSchema.Attributes.ContainsKey(attribute))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.PropertyNotFound,
                $"Could not find a property named '{attribute}' on type 'Microsoft.Dynamics.CRM.contact'.");
    }
}
