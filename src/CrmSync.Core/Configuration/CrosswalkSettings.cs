namespace CrmSync.Core.Configuration;

/// <summary>How records are linked across the CRMs.</summary>
public sealed record CrosswalkSettings(DuplicateRule DuplicateRule);
