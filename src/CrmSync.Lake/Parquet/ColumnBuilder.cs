using Apache.Arrow;
using CrmSync.Lake.Protocol;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;
using MapType = CrmSync.Lake.Protocol.MapType;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>Accumulates one column's values (validated against the Delta type) into an Arrow array, one row group at a time.</summary>
internal abstract class ColumnBuilder
{
    public int Length { get; protected set; }

    /// <summary>Appends a value; throws <see cref="InvalidCastException"/> describing the mismatch when it does not fit the type.</summary>
    public abstract void Append(object? value);

    /// <summary>Returns the accumulated array and starts a new one (file-level statistics are kept).</summary>
    public abstract IArrowArray Flush();

    public static ColumnBuilder Create(DataType type) => type switch
    {
        StructType s => new StructColumnBuilder(s),
        ArrayType a => new ListColumnBuilder(a),
        MapType m => new MapColumnBuilder(m),
        _ => ScalarColumnBuilders.Create(type),
    };
}
