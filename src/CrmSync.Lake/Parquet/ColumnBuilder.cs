using System.Buffers;
using Apache.Arrow;
using CrmSync.Lake.Protocol;
using ArrayType = CrmSync.Lake.Protocol.ArrayType;
using MapType = CrmSync.Lake.Protocol.MapType;
using StructType = CrmSync.Lake.Protocol.StructType;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Accumulates one column's values (validated against the Delta type) into an Arrow array, one row group at a time.
/// Each type has its own builder that converts a value once, straight into reusable buffers.
/// </summary>
internal abstract class ColumnBuilder
{
    public int Length { get; protected set; }

    /// <summary>Appends a non-null value; throws <see cref="InvalidCastException"/> describing the mismatch when it does not fit the type.</summary>
    public abstract void Append(object value);

    /// <summary>Appends a null (the caller has checked the column allows it).</summary>
    public abstract void AppendNull();

    /// <summary>Returns the accumulated array in native memory and starts a new one (file-level statistics are kept).</summary>
    public abstract IArrowArray Flush();

    /// <summary>Returns the buffers to the pool once the file is done (or abandoned).</summary>
    public abstract void Release();

    /// <summary>A builder for <paramref name="type"/> with buffers from <paramref name="pool"/>; <paramref name="collectStats"/>
    /// is false under arrays and maps, whose values Delta keeps no min/max for.</summary>
    public static ColumnBuilder Create(DataType type, bool collectStats, ArrayPool<byte> pool) => type switch
    {
        StructType s => new StructColumnBuilder(s, collectStats, pool),
        ArrayType a => new ListColumnBuilder(a, pool),
        MapType m => new MapColumnBuilder(m, pool),
        _ => ScalarColumnBuilder.ForType(type, collectStats, pool),
    };
}
