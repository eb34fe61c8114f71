namespace CrmSync.Sandbox.Seeding;

/// <summary>
/// Counter-based randomness (SplitMix64): the value for (seed, index, salt) never depends on what was
/// generated before, so person i is the same in any order, on any side, without storing anything.
/// </summary>
internal static class StableHash
{
    public static ulong Next(int seed, long index, ulong salt)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + salt * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(int seed, long index, ulong salt) => (Next(seed, index, salt) >> 11) * (1.0 / (1UL << 53));

    public static int Below(int seed, long index, ulong salt, int exclusiveMax) => (int)(Next(seed, index, salt) % (ulong)exclusiveMax);

    public static T Pick<T>(int seed, long index, ulong salt, IReadOnlyList<T> items) => items[Below(seed, index, salt, items.Count)];
}
