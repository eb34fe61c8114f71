namespace CrmSync.Pipeline.Tests.Support;

/// <summary>Hand-made contacts for scenario tests: one person as each CRM stores them.</summary>
internal static class People
{
    public static Dictionary<string, string?> HubSpot(string email, string first, string last, string? phone = null, string? mobile = null,
        string? jobTitle = null, string? city = null, string? lifecycle = null) => new(StringComparer.Ordinal)
    {
        ["email"] = email,
        ["firstname"] = first,
        ["lastname"] = last,
        ["phone"] = phone,
        ["mobilephone"] = mobile,
        ["jobtitle"] = jobTitle,
        ["city"] = city,
        ["lifecyclestage"] = lifecycle,
    };

    public static Dictionary<string, object?> Dynamics(string? email, string first, string last, string? phone = null, string? mobile = null,
        string? jobTitle = null, string? city = null, int? lifecycle = null) => new(StringComparer.Ordinal)
    {
        ["emailaddress1"] = email,
        ["firstname"] = first,
        ["lastname"] = last,
        ["telephone1"] = phone,
        ["mobilephone"] = mobile,
        ["jobtitle"] = jobTitle,
        ["address1_city"] = city,
        ["new_lifecyclestage"] = lifecycle,
    };
}
