namespace CrmSync.Lake.Parquet;

/// <summary>Delta's timestamp precision: .NET ticks (100 ns) to microseconds since the Unix epoch and back.</summary>
internal static class TimestampMicros
{
    private const long TicksPerMicrosecond = 10;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Microseconds since the epoch of a tick count (always positive in .NET), sub-microsecond ticks dropped.</summary>
    public static long FromTicks(long ticks) => (ticks - (ticks % TicksPerMicrosecond) - EpochTicks) / TicksPerMicrosecond;

    public static long ToTicks(long micros) => (micros * TicksPerMicrosecond) + EpochTicks;
}
