using System.Buffers;
using System.Text.Json.Nodes;
using Apache.Arrow.Types;

namespace CrmSync.Lake.Parquet;

/// <summary>A binary column: the bytes are copied as they are; Delta keeps no min/max for binary.</summary>
internal sealed class BinaryColumnBuilder(ArrayPool<byte> pool) : VariableWidthColumnBuilder(BinaryType.Default, pool)
{
    public override void Append(object value)
    {
        ReadOnlySpan<byte> bytes = value switch
        {
            byte[] array => array,
            ReadOnlyMemory<byte> memory => memory.Span,
            _ => ValueCoercion.ToBinary(value),
        };
        bytes.CopyTo(Bytes.FreeSpace(bytes.Length));
        Bytes.Advance(bytes.Length);
        EndValue();
    }

    public override (JsonNode Min, JsonNode Max)? Bounds() => null;
}
