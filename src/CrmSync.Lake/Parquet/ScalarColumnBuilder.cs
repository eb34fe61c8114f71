using System.Text.Json.Nodes;
using Apache.Arrow;

namespace CrmSync.Lake.Parquet;

/// <summary>A primitive column: validates/coerces each value, appends it to a typed Arrow builder and tracks file-level
/// statistics (min, max, null count) without boxing the comparisons.</summary>
internal abstract class ScalarColumnBuilder : ColumnBuilder
{
    public long NullCount { get; protected set; }

    /// <summary>Min and max as Delta stats JSON, or null when the type has no min/max stats or no non-null value was seen.</summary>
    public abstract (JsonNode Min, JsonNode Max)? Bounds();
}

internal sealed class ScalarColumnBuilder<T, TBuilder>(
    Func<TBuilder> newBuilder,
    Func<object, T> coerce,
    Action<TBuilder, T> append,
    Action<TBuilder> appendNull,
    Func<TBuilder, IArrowArray> build,
    IComparer<T>? comparer,
    Func<T, JsonNode>? minStat,
    Func<T, JsonNode>? maxStat,
    Func<T, bool>? excludesStats = null) : ScalarColumnBuilder
{
    private TBuilder _builder = newBuilder();
    private bool _hasBounds;
    private bool _boundsDisabled;
    private T _min = default!;
    private T _max = default!;

    public override void Append(object? value)
    {
        if (value is null)
        {
            appendNull(_builder);
            NullCount++;
            Length++;
            return;
        }

        var v = coerce(value);
        append(_builder, v);
        Length++;
        if (comparer is null || _boundsDisabled)
            return;
        if (excludesStats is not null && excludesStats(v))
        {
            // NaN or infinity: no meaningful order or JSON form, so no min/max for the file (Spark does the same).
            _boundsDisabled = true;
            return;
        }

        if (!_hasBounds)
        {
            _min = _max = v;
            _hasBounds = true;
        }
        else if (comparer.Compare(v, _min) < 0)
        {
            _min = v;
        }
        else if (comparer.Compare(v, _max) > 0)
        {
            _max = v;
        }
    }

    public override IArrowArray Flush()
    {
        var array = build(_builder);
        _builder = newBuilder();
        Length = 0;
        return array;
    }

    public override (JsonNode Min, JsonNode Max)? Bounds() =>
        _hasBounds && !_boundsDisabled && minStat is not null && maxStat is not null ? (minStat(_min), maxStat(_max)) : null;
}
