using System.Collections;

namespace CrmSync.Lake.Expressions;

/// <summary>Value equality for row values used as hash keys (byte[] by content; others by Equals).</summary>
internal sealed class RowValueEqualityComparer : IEqualityComparer<object>
{
    public static readonly RowValueEqualityComparer Instance = new();

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        _ => x.Equals(y),
    };

    public int GetHashCode(object obj) => obj switch
    {
        byte[] b => StructuralComparisons.StructuralEqualityComparer.GetHashCode(b),
        _ => obj.GetHashCode(),
    };
}
