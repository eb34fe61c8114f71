namespace CrmSync.Pipeline.Stages.Deltas;

/// <summary>gold.*_outbox_contacts.status values.</summary>
public static class OutboxStatus
{
    /// <summary>Computed, not sent yet (or sent by an attempt that died before recording the outcome: re-sent).</summary>
    public const string Pending = "PENDING";

    public const string Success = "SUCCESS";

    /// <summary>Failed retryably; sent again once next_attempt_at has passed.</summary>
    public const string Failed = "FAILED";

    /// <summary>Failed for good (unrecoverable error or attempts exhausted); a copy is in meta.dead_letter.</summary>
    public const string Dead = "DEAD";

    /// <summary>Replaced by a newer delta for the same record before it was sent.</summary>
    public const string Superseded = "SUPERSEDED";

    public static IReadOnlyList<string> All { get; } = [Pending, Success, Failed, Dead, Superseded];

    /// <summary>Rows push still has to send.</summary>
    public static IReadOnlyList<string> Open { get; } = [Pending, Failed];
}
