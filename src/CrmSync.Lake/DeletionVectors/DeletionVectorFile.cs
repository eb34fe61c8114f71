using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace CrmSync.Lake.DeletionVectors;

/// <summary>
/// The on-disk DV file (PROTOCOL.md "Deletion Vector File Storage Format"), big-endian framing: one version byte (1), then
/// per DV an int32 size, the serialized bitmap (<see cref="RoaringBitmapArrayFormat"/>) and the int32 CRC-32 of the bitmap
/// bytes. A descriptor's offset points at a DV's size field; one file may hold the DVs of many data files.
/// </summary>
internal sealed class DeletionVectorFile
{
    public const byte FormatVersion = 1;

    private readonly ArrayBufferWriter<byte> _content = new();

    public DeletionVectorFile() => _content.Write([FormatVersion]);

    /// <summary>Appends one serialized bitmap; returns its offset in the file.</summary>
    public int Append(ReadOnlySpan<byte> bitmap)
    {
        var offset = _content.WrittenCount;
        BinaryPrimitives.WriteInt32BigEndian(_content.GetSpan(4), bitmap.Length);
        _content.Advance(4);
        _content.Write(bitmap);
        BinaryPrimitives.WriteUInt32BigEndian(_content.GetSpan(4), Crc32.HashToUInt32(bitmap));
        _content.Advance(4);
        return offset;
    }

    public byte[] ToArray() => _content.WrittenSpan.ToArray();

    /// <summary>Reads the bitmap bytes of the DV at <paramref name="offset"/>: checks the version byte, the declared size and
    /// the checksum; throws <see cref="FormatException"/> saying which check failed.</summary>
    public static async Task<byte[]> ReadBitmapAsync(Stream file, int offset, int sizeInBytes, CancellationToken ct)
    {
        var version = new byte[1];
        await ReadExactlyAtAsync(file, 0, version, ct).ConfigureAwait(false);
        if (version[0] != FormatVersion)
            throw new FormatException($"DV file format version {version[0]} is not the supported {FormatVersion}");
        if (offset < 1 || sizeInBytes < 0)
            throw new FormatException($"invalid offset {offset} / sizeInBytes {sizeInBytes}");
        var framed = new byte[4 + sizeInBytes + 4];
        await ReadExactlyAtAsync(file, offset, framed, ct).ConfigureAwait(false);
        var declared = BinaryPrimitives.ReadInt32BigEndian(framed);
        if (declared != sizeInBytes)
            throw new FormatException($"the DV at offset {offset} declares {declared} bytes but the log says {sizeInBytes}");
        var bitmap = framed[4..^4];
        var stored = BinaryPrimitives.ReadUInt32BigEndian(framed.AsSpan(4 + sizeInBytes));
        var actual = Crc32.HashToUInt32(bitmap);
        if (stored != actual)
            throw new FormatException($"checksum mismatch for the DV at offset {offset} (stored {stored:x8}, computed {actual:x8})");
        return bitmap;
    }

    private static async Task ReadExactlyAtAsync(Stream file, long position, byte[] buffer, CancellationToken ct)
    {
        if (position + buffer.Length > file.Length)
            throw new FormatException($"truncated: {buffer.Length} bytes needed at byte {position} of {file.Length}");
        file.Position = position;
        await file.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
    }
}
