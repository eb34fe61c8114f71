using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CrmSync.Core.Hashing;

/// <summary>
/// Bytes to hash, built in the caller's stack buffer and moved to a pooled array only when they outgrow it, so
/// hashing text needs no string or byte[] per call. Text is appended as UTF-8 piece by piece; that equals encoding the
/// concatenation as long as no surrogate pair is split between two pieces. Call <see cref="Dispose"/> in a finally.
/// </summary>
internal ref struct Utf8Scratch
{
    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    public Utf8Scratch(Span<byte> initialBuffer)
    {
        _buffer = initialBuffer;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>SHA-256 of the written bytes as lower-case hex (checksums and idempotency keys).</summary>
    public readonly string ToSha256Hex()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Written, hash);
        return Convert.ToHexStringLower(hash);
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (!Encoding.UTF8.TryGetBytes(text, _buffer[_length..], out var written))
        {
            Grow(Encoding.UTF8.GetMaxByteCount(text.Length));
            written = Encoding.UTF8.GetBytes(text, _buffer[_length..]);
        }

        _length += written;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer[_length..]);
        _length += bytes.Length;
    }

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + needed, _buffer.Length * 2));
        Written.CopyTo(larger);
        Dispose();
        _rented = larger;
        _buffer = larger;
    }
}
