using System.Globalization;
using System.Text;

namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>
/// Writes discovery's suggestions as a field_mappings.yaml skeleton: the suggested fields (each with where it
/// came from), the option codes to copy into sources.yaml, and the properties left unpaired, as comments.
/// create_missing is off: creating records is a decision for a person, not a default.
/// </summary>
public static class FieldMappingSkeleton
{
    public static string Write(FieldSuggestions suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        var yaml = new StringBuilder();
        Line(yaml, $"# field_mappings.yaml skeleton written by `crmsync discover` from {suggestions.HubSpotProperties} HubSpot contact properties");
        Line(yaml, $"# and {suggestions.DynamicsPicklists} Dynamics choice columns. Review every pair, set direction/conflict/strategy, then save it.");
        Line(yaml, "match_field: email");
        Line(yaml, "create_missing:");
        Line(yaml, "  to_hubspot: false");
        Line(yaml, "  to_dynamics: false");
        Line(yaml, "fields:");
        foreach (var field in suggestions.Fields)
        {
            Line(yaml, $"  - name: {field.Name}");
            Line(yaml, $"    type: {field.Type}");
            Line(yaml, $"    hubspot: {field.HubSpotProperty}    # {Comment(field.HubSpotLabel)}");
            Line(yaml, $"    dynamics: {field.DynamicsAttribute}    # {field.Why}");
        }

        var optionSets = suggestions.Fields.Where(f => f.OptionCodes is { Count: > 0 }).ToList();
        if (optionSets.Count > 0)
        {
            Line(yaml, "");
            Line(yaml, "# Option codes: copy into sources.yaml under dynamics.option_sets:");
            foreach (var field in optionSets)
            {
                Line(yaml, $"#   {field.DynamicsAttribute}:");
                foreach (var (value, code) in field.OptionCodes!)
                {
                    Line(yaml, $"#     {value}: {code}");
                }
            }
        }

        if (suggestions.Unpaired.Count > 0)
        {
            Line(yaml, "");
            Line(yaml, "# HubSpot properties with no Dynamics pair found (map them by hand if they matter):");
            foreach (var (name, label, type) in suggestions.Unpaired)
            {
                Line(yaml, $"#   {name}: {Comment(label)} ({type})");
            }
        }

        return yaml.ToString();
    }

    private static string Comment(string text) => text.ReplaceLineEndings(" ");

    private static void Line(StringBuilder yaml, FormattableString text) => yaml.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder yaml, string text) => yaml.Append(text).Append('\n');
}
