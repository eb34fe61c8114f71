using System.Globalization;
using CrmSync.Cli.Hosting;

namespace CrmSync.Cli.Lake;

/// <summary>`--as-of`: a table version number, or a timestamp (the newest version committed at or before it).</summary>
public sealed record TimeTravel(long? Version, DateTimeOffset? Timestamp)
{
    public static TimeTravel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return new TimeTravel(version, null);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return new TimeTravel(null, timestamp);
        }

        throw new CliUsageException(
            $"--as-of '{text}' is neither a version number nor a timestamp",
            "pass a version (e.g. --as-of 3) or an ISO timestamp (e.g. --as-of 2026-11-22T21:00:00Z)");
    }

    public override string ToString() =>
        Version?.ToString(CultureInfo.InvariantCulture) ?? Timestamp!.Value.ToString("O", CultureInfo.InvariantCulture);
}
