namespace CrmSync.Core.Configuration;

/// <summary>Where a configuration item was written, so later checks can still point at it.</summary>
public sealed record SourceLocation(string File, int Line, int Column);
