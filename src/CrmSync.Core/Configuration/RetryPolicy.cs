namespace CrmSync.Core.Configuration;

/// <summary>Retry of one API call on 429/5xx: exponential from BaseDelay, capped at MaxDelay; Retry-After wins when sent.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay);
