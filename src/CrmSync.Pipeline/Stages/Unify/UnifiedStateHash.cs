using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// silver.contacts_unified's state_hash: XXH64 (seed 0) over what <see cref="UnifiedRowMapper.SameState"/> compares (linked
/// ids, deletion, and per field its value, pushed text and winner), each value length-prefixed so no two states share
/// an encoding. Unify tells an unchanged person by this one column instead of reading the row's two maps, the dearest
/// part of a lookup in the table. A collision only keeps a stale updated_at: the row is written either way.
/// </summary>
internal sealed class UnifiedStateHash
{
    private readonly XxHash64 _hash = new();

    /// <summary>Strings up to this many UTF-8 bytes are encoded on the stack: unify hashes about sixty per person, so
    /// an array for each would be most of the hash's cost.</summary>
    private const int StackBytes = 512;

    public void Add(string? value)
    {
        Span<byte> header = stackalloc byte[5];
        if (value is null)
        {
            _hash.Append(header[..1]);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        header[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], length);
        _hash.Append(header);
        var bytes = length <= StackBytes ? stackalloc byte[StackBytes] : new byte[length];
        _hash.Append(bytes[..Encoding.UTF8.GetBytes(value, bytes)]);
    }

    public void Add(bool value) => _hash.Append([value ? (byte)1 : (byte)0]);

    /// <summary>The hash as a signed long (Delta has no unsigned type).</summary>
    public long Value => unchecked((long)_hash.GetCurrentHashAsUInt64());
}
