using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;

namespace CrmSync.Core.WireFormat;

/// <summary>
/// A unified value as HubSpot's API takes it: every property is a string; an empty string clears it.
/// Text-like fields send the winner's own text so formatting survives; typed fields their canonical
/// form (dates yyyy-MM-dd, date-times ISO UTC, booleans true/false, option sets the label).
/// </summary>
public sealed class HubSpotWireFormat
{
    private readonly IReadOnlyDictionary<string, OptionSetMap> _optionSets;

    public HubSpotWireFormat(IReadOnlyDictionary<string, OptionSetMap> optionSets)
    {
        _optionSets = optionSets;
    }

    /// <summary>The property value for <paramref name="value"/>; false with a reason when it is not a valid value of the field's type.</summary>
    public bool TryFormat(FieldMapping field, UnifiedField value, out string formatted, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        problem = null;
        formatted = "";
        if (value.Value is null)
        {
            return true;
        }

        if (!WritableValue.IsValid(field, value.Value, _optionSets))
        {
            problem = WritableValue.Problem(field, value.Value);
            return false;
        }

        formatted = field.Type is FieldType.Text or FieldType.Email or FieldType.Phone
            ? value.Text ?? value.Value
            : value.Value;
        return true;
    }
}
