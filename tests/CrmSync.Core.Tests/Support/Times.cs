namespace CrmSync.Core.Tests.Support;

/// <summary>Fixed instants so tests never depend on the clock.</summary>
internal static class Times
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);
}
