using System.Globalization;
using System.Text.Json;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>Parses and validates a search body with HubSpot's limits (5 groups, 10 filters each, 25 in all, 200 per page).</summary>
internal static class HubSpotSearchRequestParser
{
    public const int MaxLimit = 200;

    public static HubSpotSearchRequest? Parse(JsonElement body, out string? error)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "Invalid input JSON: expected an object.";
            return null;
        }

        var groups = new List<IReadOnlyList<HubSpotSearchFilter>>();
        var filterCount = 0;
        if (body.TryGetProperty("filterGroups", out var groupsJson) && groupsJson.ValueKind == JsonValueKind.Array)
        {
            if (groupsJson.GetArrayLength() > 5)
            {
                error = "Too many filter groups: at most 5 are allowed.";
                return null;
            }

            foreach (var groupJson in groupsJson.EnumerateArray())
            {
                var filters = new List<HubSpotSearchFilter>();
                if (groupJson.TryGetProperty("filters", out var filtersJson) && filtersJson.ValueKind == JsonValueKind.Array)
                {
                    foreach (var filterJson in filtersJson.EnumerateArray())
                    {
                        var filter = HubSpotSearchFilter.Parse(
                            Text(filterJson, "propertyName"),
                            Text(filterJson, "operator"),
                            Text(filterJson, "value"),
                            Text(filterJson, "highValue"),
                            filterJson.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                                ? [.. values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())]
                                : null,
                            out error);
                        if (error is not null)
                        {
                            return null;
                        }

                        filters.Add(filter);
                    }
                }

                if (filters.Count > 10)
                {
                    error = "Too many filters in a group: at most 10 are allowed.";
                    return null;
                }

                filterCount += filters.Count;
                groups.Add(filters);
            }
        }

        if (filterCount > 25)
        {
            error = "Too many filters: at most 25 are allowed across all groups.";
            return null;
        }

        string? sortProperty = null;
        var descending = false;
        if (body.TryGetProperty("sorts", out var sorts) && sorts.ValueKind == JsonValueKind.Array && sorts.GetArrayLength() > 0)
        {
            var sort = sorts[0];
            sortProperty = sort.ValueKind == JsonValueKind.String ? sort.GetString()!.TrimStart('-') : Text(sort, "propertyName");
            descending = sort.ValueKind == JsonValueKind.String ? sort.GetString()!.StartsWith('-') : Text(sort, "direction") == "DESCENDING";
            if (sortProperty is null || HubSpotContactSchema.Find(sortProperty) is null)
            {
                error = $"Invalid sort: property '{sortProperty}' does not exist on CONTACT.";
                return null;
            }
        }

        var limit = 10;
        if (body.TryGetProperty("limit", out var limitJson) && limitJson.ValueKind == JsonValueKind.Number)
        {
            limit = limitJson.GetInt32();
        }

        if (limit is < 1 or > MaxLimit)
        {
            error = $"limit must be between 1 and {MaxLimit}, got {limit}.";
            return null;
        }

        var properties = body.TryGetProperty("properties", out var propertiesJson) && propertiesJson.ValueKind == JsonValueKind.Array
            ? propertiesJson.EnumerateArray().Select(p => p.GetString() ?? "").ToList()
            : [.. HubSpotContactSchema.ListDefaults];

        return new HubSpotSearchRequest(groups, sortProperty, descending, properties, limit, Text(body, "after"), Text(body, "query"));
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    /// <summary>Integer text for limits given as strings in query strings.</summary>
    public static int? ParseLimit(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
