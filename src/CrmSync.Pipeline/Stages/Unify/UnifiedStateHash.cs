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

    public void Add(string? value)
    {
        Span<byte> header = stackalloc byte[5];
        if (value is null)
        {
            _hash.Append(header[..1]);
            return;
        }

        header[0] = 1;
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], bytes.Length);
        _hash.Append(header);
        _hash.Append(bytes);
    }

    public void Add(bool value) => _hash.Append([value ? (byte)1 : (byte)0]);

    /// <summary>The hash as a signed long (Delta has no unsigned type).</summary>
    public long Value => unchecked((long)_hash.GetCurrentHashAsUInt64());
}
