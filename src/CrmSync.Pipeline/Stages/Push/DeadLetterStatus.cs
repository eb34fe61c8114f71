namespace CrmSync.Pipeline.Stages.Push;

/// <summary>meta.dead_letter.status values.</summary>
public static class DeadLetterStatus
{
    public const string Open = "OPEN";

    /// <summary>Put back in the outbox as PENDING by `crmsync dead-letter retry`.</summary>
    public const string Retried = "RETRIED";

    /// <summary>Given up on by `crmsync dead-letter discard`, with a reason.</summary>
    public const string Discarded = "DISCARDED";

    public static IReadOnlyList<string> All { get; } = [Open, Retried, Discarded];
}
