namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// How a lookup column is read and written: read as <see cref="ReadAttribute"/> (e.g.
/// "_parentcustomerid_value"), written as "<see cref="NavigationProperty"/>@odata.bind":
/// "/<see cref="EntitySet"/>(&lt;guid&gt;)" (e.g. parentcustomerid_account, accounts).
/// </summary>
public sealed record DynamicsLookupBinding(string ReadAttribute, string NavigationProperty, string EntitySet)
{
    public static DynamicsLookupBinding ParentAccount { get; } = new("_parentcustomerid_value", "parentcustomerid_account", "accounts");

    public string BindProperty => NavigationProperty + "@odata.bind";

    public string Reference(Guid id) => $"/{EntitySet}({id:D})";
}
