using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// The 64-bit hash a key filter stores for a value: XXH64 of the value's Parquet plain encoding, as Parquet bloom filters
/// hash it (a string's UTF-8 bytes; a long as 8 little-endian bytes; int, short and byte as a 4-byte INT32). Only these
/// types are indexable: keys are strings or integers, and their encodings have no ambiguity (unlike timestamps or decimals).
/// </summary>
internal static class KeyHasher
{
    private const int StackLimit = 256;

    public static bool IsIndexable(DataType type) =>
        type == PrimitiveType.String || type == PrimitiveType.Long || type == PrimitiveType.Integer
        || type == PrimitiveType.Short || type == PrimitiveType.Byte;

    /// <summary>The hash of a non-null value of an indexable column type (converted to that type as the writer does).</summary>
    public static ulong Hash(object value, DataType type)
    {
        if (type == PrimitiveType.String)
            return HashString(ValueCoercion.ToString(value));
        if (type == PrimitiveType.Long)
            return HashInt64(ValueCoercion.ToLong(value));
        if (type == PrimitiveType.Integer)
            return HashInt32(ValueCoercion.ToInt(value));
        if (type == PrimitiveType.Short)
            return HashInt32(ValueCoercion.ToShort(value));
        if (type == PrimitiveType.Byte)
            return HashInt32(ValueCoercion.ToByte(value));
        throw new ArgumentException($"{type.SimpleString} columns have no key index.", nameof(type));
    }

    private static ulong HashString(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            // Unpaired surrogates become U+FFFD here exactly as in the written column, so the hashed bytes are the stored ones.
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return XxHash64.HashToUInt64(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ulong HashInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return XxHash64.HashToUInt64(bytes);
    }

    private static ulong HashInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return XxHash64.HashToUInt64(bytes);
    }
}
