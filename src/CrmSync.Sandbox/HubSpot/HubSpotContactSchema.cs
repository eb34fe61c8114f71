namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// The contact properties the emulator knows. Writable properties are stored by position in
/// <see cref="Writable"/>; createdate, lastmodifieddate and hs_object_id are maintained by the service.
/// </summary>
public static class HubSpotContactSchema
{
    public const string Email = "email";
    public const string CreateDate = "createdate";
    public const string LastModifiedDate = "lastmodifieddate";
    public const string ObjectId = "hs_object_id";
    public const string LifecycleStage = "lifecyclestage";
    public const string EmailOptOut = "hs_email_optout";
    public const string DynamicsAccountId = "dynamics_account_id";

    private static readonly HubSpotPropertyOption[] LifecycleOptions =
    [
        new("Subscriber", "subscriber", 0), new("Lead", "lead", 1), new("Marketing Qualified Lead", "marketingqualifiedlead", 2),
        new("Sales Qualified Lead", "salesqualifiedlead", 3), new("Opportunity", "opportunity", 4), new("Customer", "customer", 5),
        new("Evangelist", "evangelist", 6), new("Other", "other", 7),
    ];

    /// <summary>Writable properties, in storage order.</summary>
    public static readonly IReadOnlyList<HubSpotPropertyDefinition> Writable =
    [
        Text(Email, "Email", "text"),
        Text("firstname", "First Name", "text"),
        Text("lastname", "Last Name", "text"),
        Text("phone", "Phone Number", "phonenumber"),
        Text("mobilephone", "Mobile Phone Number", "phonenumber"),
        Text("jobtitle", "Job Title", "text"),
        Text("company", "Company Name", "text"),
        Text("address", "Street Address", "text"),
        Text("city", "City", "text"),
        Text("state", "State/Region", "text"),
        Text("zip", "Postal Code", "text"),
        Text("country", "Country/Region", "text"),
        new(LifecycleStage, "Lifecycle Stage", "enumeration", "radio", false, false, LifecycleOptions),
        new(EmailOptOut, "Unsubscribed from all email", "bool", "booleancheckbox", false, false, [new("Yes", "true", 0), new("No", "false", 1)]),
        // The custom property a portal adds to hold the Dynamics account guid (configs/field_mappings.yaml account_id).
        Text(DynamicsAccountId, "Dynamics Account ID", "text"),
    ];

    /// <summary>Every property, writable first, then the service-maintained ones.</summary>
    public static readonly IReadOnlyList<HubSpotPropertyDefinition> All =
    [
        .. Writable,
        new(CreateDate, "Create Date", "datetime", "date", true, false, []),
        new(LastModifiedDate, "Last Modified Date", "datetime", "date", true, false, []),
        new(ObjectId, "Record ID", "number", "number", true, true, []),
    ];

    /// <summary>Returned by search and list whatever was asked for.</summary>
    public static readonly IReadOnlyList<string> AlwaysReturned = [CreateDate, LastModifiedDate, ObjectId];

    /// <summary>What list returns when no properties are asked for.</summary>
    public static readonly IReadOnlyList<string> ListDefaults = [Email, "firstname", "lastname", CreateDate, LastModifiedDate, ObjectId];

    private static readonly Dictionary<string, int> WritableIndex =
        Writable.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

    private static readonly Dictionary<string, HubSpotPropertyDefinition> ByName =
        All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static int EmailIndex { get; } = WritableIndex[Email];

    public static bool TryGetWritableIndex(string name, out int index) => WritableIndex.TryGetValue(name, out index);

    public static HubSpotPropertyDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    private static HubSpotPropertyDefinition Text(string name, string label, string fieldType) =>
        new(name, label, "string", fieldType, false, false, []);
}
