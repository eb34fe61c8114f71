using CrmSync.Lake.Expressions;

namespace CrmSync.Lake.Operations;

/// <summary>The merge key of a row: the key column values (already converted to the column types), hashed once.</summary>
internal readonly struct MergeKey : IEquatable<MergeKey>
{
    private readonly object[] _parts;
    private readonly int _hash;

    public MergeKey(object[] parts)
    {
        _parts = parts;
        var hash = new HashCode();
        foreach (var part in parts)
            hash.Add(RowValueEqualityComparer.Instance.GetHashCode(part));
        _hash = hash.ToHashCode();
    }

    public object First => _parts[0];

    /// <summary>The value of key column <paramref name="index"/>.</summary>
    public object this[int index] => _parts[index];

    public bool Equals(MergeKey other)
    {
        if (_hash != other._hash || _parts.Length != other._parts.Length)
            return false;
        for (var i = 0; i < _parts.Length; i++)
        {
            if (!RowValueEqualityComparer.Instance.Equals(_parts[i], other._parts[i]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is MergeKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => "(" + string.Join(", ", _parts.Select(ValueText.Render)) + ")";
}
