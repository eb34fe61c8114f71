using CrmSync.Connectors.Dynamics;
using CrmSync.Connectors.HubSpot;

namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>
/// Pairs HubSpot contact properties with Dynamics contact attributes: the standard pairs every portal and org
/// share (email with emailaddress1, phone with telephone1, ...), then HubSpot enumerations with the Dynamics
/// choice column whose labels match most of their options. Types follow HubSpot's type and field type.
/// </summary>
public static class FieldMappingSuggester
{
    /// <summary>Half the HubSpot options must name a Dynamics option for two choice fields to be paired.</summary>
    private const double MinimumLabelMatch = 0.5;

    /// <summary>HubSpot property, Dynamics attribute (standard contact columns) and the unified name.</summary>
    private static readonly (string HubSpot, string Dynamics, string Name)[] KnownPairs =
    [
        ("email", "emailaddress1", "email"),
        ("firstname", "firstname", "first_name"),
        ("lastname", "lastname", "last_name"),
        ("phone", "telephone1", "phone"),
        ("mobilephone", "mobilephone", "mobile_phone"),
        ("fax", "fax", "fax"),
        ("jobtitle", "jobtitle", "job_title"),
        ("address", "address1_line1", "street"),
        ("city", "address1_city", "city"),
        ("state", "address1_stateorprovince", "state"),
        ("zip", "address1_postalcode", "postal_code"),
        ("country", "address1_country", "country"),
        ("website", "websiteurl", "website"),
        ("salutation", "salutation", "salutation"),
        ("hs_email_optout", "donotbulkemail", "email_opt_out"),
    ];

    public static FieldSuggestions Suggest(IReadOnlyList<HubSpotPropertyInfo> hubspot, DynamicsOptionSetMap dynamicsPicklists)
    {
        ArgumentNullException.ThrowIfNull(hubspot);
        ArgumentNullException.ThrowIfNull(dynamicsPicklists);
        var fields = new List<SuggestedField>();
        var unpaired = new List<(string, string, string)>();
        var usedPicklists = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in hubspot.Where(p => !p.ReadOnlyValue).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var known = KnownPairs.FirstOrDefault(k => k.HubSpot == property.Name);
            if (known.HubSpot is not null)
            {
                fields.Add(new SuggestedField(known.Name, TypeOf(property), property.Name, property.Label, known.Dynamics, "known pair"));
            }
            else if (property.Type == "enumeration" && BestPicklist(property, dynamicsPicklists, usedPicklists) is { } match)
            {
                usedPicklists.Add(match.Attribute);
                fields.Add(new SuggestedField(UnifiedName(property.Name), "option_set", property.Name, property.Label, match.Attribute,
                    $"{match.Codes.Count} of {property.Options.Count} option labels match", match.Codes));
            }
            else if (dynamicsPicklists.IsPicklist(property.Name))
            {
                fields.Add(new SuggestedField(UnifiedName(property.Name), TypeOf(property), property.Name, property.Label, property.Name, "same name"));
            }
            else
            {
                unpaired.Add((property.Name, property.Label, $"{property.Type}/{property.FieldType}"));
            }
        }

        return new FieldSuggestions(fields, unpaired, hubspot.Count, dynamicsPicklists.Attributes.Count);
    }

    private static (string Attribute, IReadOnlyDictionary<string, int> Codes)? BestPicklist(
        HubSpotPropertyInfo property, DynamicsOptionSetMap picklists, HashSet<string> used)
    {
        (string Attribute, IReadOnlyDictionary<string, int> Codes)? best = null;
        foreach (var attribute in picklists.Attributes.Where(a => !used.Contains(a)).Order(StringComparer.Ordinal))
        {
            var codes = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var option in property.Options)
            {
                if (picklists.TryGetCode(attribute, option.Label, out var code))
                {
                    codes[option.Value] = code;
                }
            }

            if (codes.Count >= Math.Max(1, property.Options.Count * MinimumLabelMatch) && codes.Count > (best?.Codes.Count ?? 0))
            {
                best = (attribute, codes);
            }
        }

        return best;
    }

    private static string TypeOf(HubSpotPropertyInfo property) => (property.Name, property.Type, property.FieldType) switch
    {
        ("email", _, _) => "email",
        (_, _, "phonenumber") => "phone",
        (_, "number", _) => "number",
        (_, "date", _) => "date",
        (_, "datetime", _) => "datetime",
        (_, "bool", _) => "boolean",
        _ => "string",
    };

    /// <summary>hs_lead_status -> lead_status; HubSpot names are already lower-case identifiers.</summary>
    private static string UnifiedName(string hubspotName) =>
        hubspotName.StartsWith("hs_", StringComparison.Ordinal) ? hubspotName[3..] : hubspotName;
}
