using System.Text.RegularExpressions;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// Checks and applies written property values as HubSpot does: unknown and read-only properties,
/// malformed emails, enumeration options and booleans are VALIDATION_ERRORs; emails are stored
/// trimmed and lowercased; an empty string clears a value.
/// </summary>
internal static partial class HubSpotPropertyValidator
{
    /// <summary>Writes <paramref name="properties"/> into <paramref name="values"/>; returns the first error instead.</summary>
    public static HubSpotInputError? Apply(IReadOnlyDictionary<string, string?> properties, string?[] values)
    {
        foreach (var (name, raw) in properties)
        {
            var definition = HubSpotContactSchema.Find(name);
            if (definition is null)
            {
                return HubSpotInputError.InvalidProperty(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist");
            }

            if (definition.ReadOnly)
            {
                return HubSpotInputError.InvalidProperty(name, "READ_ONLY_VALUE", $"{name} is a read only property; its value cannot be set.");
            }

            var value = string.IsNullOrEmpty(raw) ? null : raw;
            if (value is not null)
            {
                switch (definition.Type)
                {
                    case "enumeration" or "bool" when !definition.Options.Any(o => o.Value == value):
                        return HubSpotInputError.InvalidProperty(
                            name,
                            definition.Type == "bool" ? "INVALID_BOOLEAN" : "INVALID_OPTION",
                            $"{value} was not one of the allowed options: [{string.Join(", ", definition.Options.Select(o => o.Value))}]");
                    case "string" when name == HubSpotContactSchema.Email:
                        value = value.Trim().ToLowerInvariant();
                        if (!EmailPattern().IsMatch(value))
                        {
                            return HubSpotInputError.InvalidProperty(name, "INVALID_EMAIL", $"Email address {value} is invalid");
                        }

                        break;
                }
            }

            HubSpotContactSchema.TryGetWritableIndex(name, out var index);
            values[index] = value;
        }

        return null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[a-z0-9-]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
