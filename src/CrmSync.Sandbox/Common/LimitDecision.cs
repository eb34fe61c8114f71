namespace CrmSync.Sandbox.Common;

/// <summary>Outcome of one limit check: accepted or not, what is left, and when to come back.</summary>
/// <param name="Remaining">Requests still allowed in the current window after this one.</param>
/// <param name="RetryAfter">Time until a request would be accepted (zero when accepted).</param>
public readonly record struct LimitDecision(bool Accepted, int Remaining, TimeSpan RetryAfter);
