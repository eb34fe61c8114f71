using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Apache.Arrow.Types;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// A string column, transcoded once straight into the UTF-8 value buffer (unpaired surrogates become U+FFFD, as with
/// Encoding.UTF8 and any UTF-8 writer). Min/max compare those bytes: UTF-8 byte order is code point order, the order of Delta stats.
/// </summary>
internal sealed class StringColumnBuilder(bool collectStats, ArrayPool<byte> pool) : VariableWidthColumnBuilder(StringType.Default, pool)
{
    // UTF-16 to UTF-8 turns one code unit into at most three bytes (a surrogate pair, two units, into four).
    private const int MaxBytesPerChar = 3;

    private readonly Utf8Bound _min = new();
    private readonly Utf8Bound _max = new();
    private bool _hasBounds;

    public override void Append(object value)
    {
        var text = value as string ?? ValueCoercion.ToString(value);
        var free = Bytes.FreeSpace(text.Length * MaxBytesPerChar);
        // Utf8.FromUtf16 is what Encoding.UTF8 calls, without its dispatch and checks; it cannot run out of room here.
        var status = Utf8.FromUtf16(text, free, out _, out var written);
        Debug.Assert(status == OperationStatus.Done, "the free space holds the longest UTF-8 form of the text");
        if (collectStats)
            Track(free[..written]);
        Bytes.Advance(written);
        EndValue();
    }

    private void Track(ReadOnlySpan<byte> utf8)
    {
        // Most values fall strictly between the bounds within their first eight bytes: one integer comparison each.
        var prefix = Utf8Bound.PrefixOf(utf8);
        if (!_hasBounds)
        {
            _min.Set(utf8, prefix);
            _max.Set(utf8, prefix);
            _hasBounds = true;
        }
        else if (prefix < _min.Prefix || (prefix == _min.Prefix && utf8.SequenceCompareTo(_min.Bytes) < 0))
        {
            _min.Set(utf8, prefix);
        }
        else if (prefix > _max.Prefix || (prefix == _max.Prefix && utf8.SequenceCompareTo(_max.Bytes) > 0))
        {
            _max.Set(utf8, prefix);
        }
    }

    public override (JsonNode Min, JsonNode Max)? Bounds() =>
        _hasBounds ? (StatsFormat.MinString(_min.ToString()), StatsFormat.MaxString(_max.ToString())) : null;

    /// <summary>A running min or max: a copy of the bound's UTF-8 bytes, in a buffer kept as it changes, and its prefix.</summary>
    private sealed class Utf8Bound
    {
        private byte[] _bytes = new byte[64];
        private int _length;

        public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

        public ulong Prefix { get; private set; }

        /// <summary>The first eight bytes as a big-endian integer, zero-padded: a shorter value pads with bytes below
        /// any it could be compared with, so prefixes that differ order their strings, and equal ones say nothing.</summary>
        public static ulong PrefixOf(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length >= sizeof(ulong))
                return BinaryPrimitives.ReadUInt64BigEndian(utf8);
            var prefix = 0UL;
            for (var i = 0; i < utf8.Length; i++)
                prefix |= (ulong)utf8[i] << (56 - (8 * i));
            return prefix;
        }

        public void Set(ReadOnlySpan<byte> utf8, ulong prefix)
        {
            if (utf8.Length > _bytes.Length)
                _bytes = new byte[Math.Max(utf8.Length, 2 * _bytes.Length)];
            utf8.CopyTo(_bytes);
            _length = utf8.Length;
            Prefix = prefix;
        }

        public override string ToString() => Encoding.UTF8.GetString(Bytes);
    }
}
