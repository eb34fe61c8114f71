namespace CrmSync.Core.Configuration;

/// <summary>Dataverse service protection limits the client must stay under.</summary>
public sealed record DynamicsRateLimits(int Per5Minutes, int Concurrency);
