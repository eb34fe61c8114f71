namespace CrmSync.Sandbox.Common;

/// <summary>One request as the emulator received it, for request-shape tests.</summary>
/// <param name="Headers">Header values joined with ", ", keyed case-insensitively.</param>
public sealed record CapturedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
