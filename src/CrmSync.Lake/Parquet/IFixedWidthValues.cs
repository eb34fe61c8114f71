using System.Text.Json.Nodes;
using Apache.Arrow.Types;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// How one fixed-width Delta type is stored in Arrow and summarised in stats. Implementations are structs passed as a
/// type argument, so the JIT compiles each column type's append with its conversion and comparisons inlined.
/// </summary>
internal interface IFixedWidthValues<T>
    where T : unmanaged
{
    IArrowType ArrowType { get; }

    /// <summary>The Arrow value of a row value; throws <see cref="InvalidCastException"/> when it does not fit the type.</summary>
    T Convert(object value);

    /// <summary>False for values without a meaningful order or JSON form (NaN, infinities): the file then gets no min/max.</summary>
    bool IsOrderable(T value);

    JsonNode MinStat(T value);

    JsonNode MaxStat(T value);
}
