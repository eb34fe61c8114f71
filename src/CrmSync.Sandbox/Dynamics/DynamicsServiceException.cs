namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// A failure the emulator reports to the caller as an HTTP status and a Dataverse error body.
/// Thrown inside request handling and turned into a response at one place.
/// </summary>
public sealed class DynamicsServiceException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static DynamicsServiceException NotFound(Guid id) =>
        new(404, DynamicsErrorCodes.ObjectDoesNotExist, $"contact With Id = {id} Does Not Exist");

    public static DynamicsServiceException BadRequest(string code, string message) => new(400, code, message);
}
