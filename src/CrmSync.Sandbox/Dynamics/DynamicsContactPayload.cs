using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Turns a PATCH body into column changes, validating as Dataverse does: unknown or read-only
/// properties, over-long strings, picklist values outside the option set, wrong JSON types and
/// lookups to missing accounts are 400/404 with the service's error code.
/// </summary>
internal static class DynamicsContactPayload
{
    private const string ParentCustomerBind = "parentcustomerid_account@odata.bind";

    public static Dictionary<string, object?> Parse(Guid id, ReadOnlySpan<byte> body, Func<Guid, bool> accountExists)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument,
                $"Error identified in Payload provided by the user for Entity :'contacts': {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The request body must be a JSON object.");
            var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
                Apply(id, property, changes, accountExists);
            return changes;
        }
    }

    private static void Apply(Guid id, JsonProperty property, Dictionary<string, object?> changes, Func<Guid, bool> accountExists)
    {
        var name = property.Name;
        var value = property.Value;
        if (name.StartsWith("@odata.", StringComparison.Ordinal)) return;
        if (name == ParentCustomerBind)
        {
            changes[DynamicsContactSchema.ParentCustomerValue] = value.ValueKind == JsonValueKind.Null ? null : ParseAccountReference(value, accountExists);
            return;
        }
        if (name == "contactid")
        {
            if (value.ValueKind != JsonValueKind.String || !Guid.TryParse(value.GetString(), out var bodyId) || bodyId != id)
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The contactid in the body does not match the key in the URL.");
            return;
        }
        if (!DynamicsContactSchema.Attributes.TryGetValue(name, out var definition) || !DynamicsContactSchema.IsWritable(name))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.PropertyNotFound,
                $"The property '{name}' does not exist on type 'Microsoft.Dynamics.CRM.contact' or cannot be written. Make sure to only use property names that are defined by the type.");
        if (value.ValueKind == JsonValueKind.Null)
        {
            changes[name] = null;
            return;
        }
        changes[name] = definition.Kind switch
        {
            DynamicsAttributeKind.Text when value.ValueKind == JsonValueKind.String => CheckLength(name, value.GetString()!, definition.MaxLength),
            DynamicsAttributeKind.Picklist when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var code) => CheckOption(name, code),
            DynamicsAttributeKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            _ => throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument,
                $"Cannot convert the literal '{value.GetRawText()}' to the expected type of property '{name}' ({definition.Kind})."),
        };
    }

    private static Guid ParseAccountReference(JsonElement value, Func<Guid, bool> accountExists)
    {
        var reference = value.ValueKind == JsonValueKind.String ? value.GetString()!.TrimStart('/') : "";
        if (!reference.StartsWith("accounts(", StringComparison.Ordinal) || !reference.EndsWith(')')
            || !Guid.TryParse(reference["accounts(".Length..^1], out var accountId))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument,
                $"The value of {ParentCustomerBind} must be an entity reference like '/accounts(<guid>)'.");
        if (!accountExists(accountId))
            throw new DynamicsServiceException(404, DynamicsErrorCodes.ObjectDoesNotExist, $"account With Id = {accountId} Does Not Exist");
        return accountId;
    }

    private static string CheckLength(string name, string text, int maxLength) =>
        text.Length <= maxLength ? text : throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.StringLengthTooLong,
            $"A validation error occurred. The length of the '{name}' attribute of the 'contact' entity exceeded the maximum allowed length of '{maxLength}'.");

    private static int CheckOption(string name, int code) =>
        DynamicsContactSchema.LabelOf(name, code) is not null ? code : throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.OptionSetValueOutOfRange,
            $"A validation error occurred. The value {code} of '{name}' on record of type 'contact' is outside the valid range.");
}
