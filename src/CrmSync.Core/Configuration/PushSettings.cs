namespace CrmSync.Core.Configuration;

/// <summary>Outbox delivery: an entry failing MaxAttempts runs in a row becomes DEAD; retries back off exponentially.</summary>
public sealed record PushSettings(int MaxAttempts, TimeSpan BaseBackoff, TimeSpan MaxBackoff);
