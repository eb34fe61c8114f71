using System.Text.Json;
using CrmSync.Connectors.Common;
using RestSharp;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Reads PicklistAttributeMetadata (value[].LogicalName, OptionSet.Options[].Value and
/// Label.UserLocalizedLabel.Label) into a <see cref="DynamicsOptionSetMap"/>.
/// </summary>
internal static class DynamicsOptionSetMetadataReader
{
    public static InterpretedResponse<DynamicsOptionSetMap> Read(ApiCall call, RestResponse response)
    {
        DynamicsResponseFailure.ThrowIfFailed(call, response);
        var reader = JsonResponseReader.For(DynamicsClient.System, call, response);
        using var document = reader.Parse(response);
        var options = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        foreach (var attribute in reader.Required(document.RootElement, "value", JsonValueKind.Array).EnumerateArray())
        {
            var name = reader.RequiredString(attribute, "LogicalName");
            var optionSet = reader.Required(attribute, "OptionSet", JsonValueKind.Object);
            var values = new Dictionary<int, string>();
            foreach (var option in reader.Required(optionSet, "Options", JsonValueKind.Array).EnumerateArray())
            {
                var code = reader.Required(option, "Value", JsonValueKind.Number).GetInt32();
                var label = reader.Required(option, "Label", JsonValueKind.Object);
                var userLabel = reader.Optional(label, "UserLocalizedLabel", JsonValueKind.Object);
                values[code] = userLabel is { } localized ? reader.RequiredString(localized, "Label") : code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            options[name] = values;
        }
        return new InterpretedResponse<DynamicsOptionSetMap>(new DynamicsOptionSetMap(options), options.Count);
    }
}
