namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// The emulated contact table: its columns, their types and length limits, and its choice columns.
/// new_lifecyclestage is a custom picklist (publisher prefix "new", option values from 100000000 as
/// Dataverse assigns them) mirroring HubSpot's lifecycle stages; preferredcontactmethodcode is the
/// standard contact picklist; donotbulkemail is the standard boolean.
/// </summary>
public static class DynamicsContactSchema
{
    public const string EntitySetName = "contacts";
    public const string LifecycleStage = "new_lifecyclestage";
    public const string PreferredContactMethod = "preferredcontactmethodcode";
    public const string ParentCustomerLookup = "parentcustomerid";
    public const string ParentCustomerValue = "_parentcustomerid_value";

    public static IReadOnlyDictionary<string, (DynamicsAttributeKind Kind, int MaxLength)> Attributes { get; } =
        new Dictionary<string, (DynamicsAttributeKind, int)>(StringComparer.Ordinal)
        {
            ["contactid"] = (DynamicsAttributeKind.Key, 0),
            ["firstname"] = (DynamicsAttributeKind.Text, 50),
            ["lastname"] = (DynamicsAttributeKind.Text, 50),
            ["emailaddress1"] = (DynamicsAttributeKind.Text, 100),
            ["telephone1"] = (DynamicsAttributeKind.Text, 50),
            ["mobilephone"] = (DynamicsAttributeKind.Text, 50),
            ["jobtitle"] = (DynamicsAttributeKind.Text, 100),
            ["address1_line1"] = (DynamicsAttributeKind.Text, 250),
            ["address1_city"] = (DynamicsAttributeKind.Text, 80),
            ["address1_stateorprovince"] = (DynamicsAttributeKind.Text, 50),
            ["address1_postalcode"] = (DynamicsAttributeKind.Text, 20),
            ["address1_country"] = (DynamicsAttributeKind.Text, 80),
            [LifecycleStage] = (DynamicsAttributeKind.Picklist, 0),
            [PreferredContactMethod] = (DynamicsAttributeKind.Picklist, 0),
            ["donotbulkemail"] = (DynamicsAttributeKind.Boolean, 0),
            [ParentCustomerValue] = (DynamicsAttributeKind.Lookup, 0),
            ["createdon"] = (DynamicsAttributeKind.DateTime, 0),
            ["modifiedon"] = (DynamicsAttributeKind.DateTime, 0),
        };

    public static IReadOnlyDictionary<string, IReadOnlyList<(int Value, string Label)>> OptionSets { get; } =
        new Dictionary<string, IReadOnlyList<(int, string)>>(StringComparer.Ordinal)
        {
            [LifecycleStage] =
            [
                (100000000, "Subscriber"),
                (100000001, "Lead"),
                (100000002, "Marketing Qualified Lead"),
                (100000003, "Sales Qualified Lead"),
                (100000004, "Opportunity"),
                (100000005, "Customer"),
                (100000006, "Evangelist"),
                (100000007, "Other"),
            ],
            [PreferredContactMethod] = [(1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail")],
        };

    /// <summary>Columns a client may write directly (not keys, lookups or system dates).</summary>
    public static bool IsWritable(string attribute) =>
        Attributes.TryGetValue(attribute, out var definition)
        && definition.Kind is DynamicsAttributeKind.Text or DynamicsAttributeKind.Picklist or DynamicsAttributeKind.Boolean;

    private static readonly Dictionary<(string Attribute, int Value), string> Labels =
        OptionSets.SelectMany(set => set.Value.Select(o => (Key: (set.Key, o.Value), o.Label))).ToDictionary(e => e.Key, e => e.Label);

    public static string? LabelOf(string attribute, int value) => Labels.GetValueOrDefault((attribute, value));
}
