namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Dataverse error codes the emulator returns, as the real service writes them in
/// {"error":{"code","message"}}. Values from the public error-code reference; the version-stamp
/// code is the one reported for expired change-tracking tokens (MicrosoftDocs/powerapps-docs#3845).
/// </summary>
public static class DynamicsErrorCodes
{
    public const string ObjectDoesNotExist = "0x80040217";
    public const string DuplicateRecord = "0x80040237";
    public const string ConcurrencyVersionMismatch = "0x80060882";
    public const string PropertyNotFound = "0x80060888";
    public const string InvalidArgument = "0x80040203";
    public const string StringLengthTooLong = "0x80044331";
    public const string OptionSetValueOutOfRange = "0x8004431a";
    public const string ExpiredVersionStamp = "0x80044352";
    public const string QueryParseError = "0x80060888";
    public const string BatchTooLarge = "0x8004d101";
    public const string RequestsLimitExceeded = "0x80072322";
    public const string ExecutionTimeLimitExceeded = "0x80072321";
    public const string ConcurrencyLimitExceeded = "0x80072326";
    public const string ServerError = "0x80040216";
}
