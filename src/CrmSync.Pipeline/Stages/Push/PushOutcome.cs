namespace CrmSync.Pipeline.Stages.Push;

/// <summary>Error codes the push stage gives results it made itself.</summary>
public static class PushOutcome
{
    /// <summary>The row was not sent (a daily quota ran out first); it stays PENDING, attempts unchanged.</summary>
    public const string NotSent = "NOT_SENT_QUOTA_EXHAUSTED";
}
