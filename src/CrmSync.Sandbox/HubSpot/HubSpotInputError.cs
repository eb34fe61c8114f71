namespace CrmSync.Sandbox.HubSpot;

/// <summary>Why HubSpot refused one input or request: category (VALIDATION_ERROR, OBJECT_NOT_FOUND, CONFLICT), message, sub-error code and property.</summary>
internal sealed record HubSpotInputError(int Status, string Category, string Message, string? SubCategory = null, string? PropertyName = null)
{
    public static HubSpotInputError InvalidProperty(string propertyName, string code, string detail) =>
        new(400, "VALIDATION_ERROR",
            $"Property values were not valid: [{{\"isValid\":false,\"message\":\"{Escape(detail)}\",\"error\":\"{code}\",\"name\":\"{propertyName}\"}}]",
            code, propertyName);

    public static HubSpotInputError NotFound(string id) =>
        new(404, "OBJECT_NOT_FOUND", $"Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid. Missing: {id}");

    public static HubSpotInputError Conflict(long existingId) =>
        new(409, "CONFLICT", $"Contact already exists. Existing ID: {existingId}");

    public static HubSpotInputError BadRequest(string message) => new(400, "VALIDATION_ERROR", message);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
