using System.Globalization;

namespace CrmSync.Pipeline.Locking;

/// <summary>
/// One generation of the run lock (<c>_crmsync/run-lock/&lt;generation&gt;.json</c>): who holds it, since when, until when
/// (renewals move <see cref="ExpiresAt"/>), and whether it was given back. <see cref="Token"/> tells one acquisition from
/// another, even of the same host and process.
/// </summary>
public sealed record RunLockRecord(
    long Generation,
    string Token,
    RunLockOwner Owner,
    DateTimeOffset AcquiredAt,
    DateTimeOffset RenewedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ReleasedAt = null,
    string? ReleasedBy = null)
{
    /// <summary>True while the lease binds others: not released and not expired at <paramref name="now"/>.</summary>
    public bool IsHeldAt(DateTimeOffset now) => ReleasedAt is null && ExpiresAt > now;

    public override string ToString() =>
        $"{Owner}, acquired {Time(AcquiredAt)}, expires {Time(ExpiresAt)}";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
