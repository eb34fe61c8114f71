using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace CrmSync.Lake.KeyIndex;

/// <summary>
/// The sidecar holding one data file's key hashes, at <c>_crmsync_index/&lt;data file path&gt;.bloom</c> in the table: a
/// '_' folder, which Spark and Databricks never read as data and never vacuum. Layout (little-endian): magic "CSKI",
/// version 2, column count (int32), per column its name (int32 length + UTF-8) and hashes (int32 byte length + the
/// <see cref="KeyHashSet"/>), then a CRC-32 of everything before it. Anything else is rejected as corrupt, including
/// version 1 (bloom filters, which no longer prune the partitioned stages' lookups): such a file has no index until
/// <c>BuildKeyIndexAsync</c> rewrites its sidecar. The extension stays ".bloom" so vacuum recognizes both versions.
/// </summary>
internal static class KeyIndexFile
{
    public const string DirectoryName = "_crmsync_index";
    private const string Extension = ".bloom";
    private const byte FormatVersion = 2;
    private static readonly byte[] Magic = "CSKI"u8.ToArray();

    /// <summary>False for a data file outside the table (an absolute path, as shallow clones write): no sidecar of ours sits beside it.</summary>
    public static bool CanHaveSidecar(string dataFile) => !dataFile.Contains("://", StringComparison.Ordinal);

    /// <summary>The sidecar's path relative to the table, for a data file's (decoded) relative path.</summary>
    public static string PathFor(string dataFile) => DirectoryName + "/" + dataFile + Extension;

    /// <summary>The data file a sidecar path (relative to the table) belongs to; false for any other path.</summary>
    public static bool TryGetDataFile(string relative, out string dataFile)
    {
        dataFile = "";
        if (!relative.StartsWith(DirectoryName + "/", StringComparison.Ordinal) || !relative.EndsWith(Extension, StringComparison.Ordinal)
            || relative.Length <= DirectoryName.Length + 1 + Extension.Length)
            return false;
        dataFile = relative[(DirectoryName.Length + 1)..^Extension.Length];
        return true;
    }

    public static byte[] Serialize(FileKeyIndex index)
    {
        var sets = index.Columns.Select(c => (Column: c, Keys: index.KeysFor(c)!)).ToList();
        var names = sets.Select(s => Encoding.UTF8.GetBytes(s.Column)).ToArray();
        var size = Magic.Length + 1 + 4 + sets.Sum(s => 8 + s.Keys.SerializedByteCount) + names.Sum(n => n.Length) + 4;
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[Magic.Length] = FormatVersion;
        var at = Magic.Length + 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], sets.Count);
        at += 4;
        for (var i = 0; i < sets.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], names[i].Length);
            names[i].CopyTo(span[(at + 4)..]);
            at += 4 + names[i].Length;
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], sets[i].Keys.SerializedByteCount);
            sets[i].Keys.WriteTo(span.Slice(at + 4, sets[i].Keys.SerializedByteCount));
            at += 4 + sets[i].Keys.SerializedByteCount;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32.HashToUInt32(span[..at]));
        return bytes;
    }

    /// <summary>The key hashes per column; <see cref="FormatException"/> when the bytes are not a complete, intact sidecar.</summary>
    public static Dictionary<string, KeyHashSet> Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 1 + 4 + 4 || !bytes.StartsWith(Magic))
            throw new FormatException("not a key index file");
        if (bytes[Magic.Length] != FormatVersion)
            throw new FormatException($"key index format version {bytes[Magic.Length]} is not supported");
        var body = bytes[..^4];
        if (Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]))
            throw new FormatException("key index checksum mismatch");

        var at = Magic.Length + 1;
        var count = ReadLength(body, ref at);
        var sets = new Dictionary<string, KeyHashSet>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(ReadChunk(body, ref at));
            sets[name] = KeyHashSet.FromBytes(ReadChunk(body, ref at));
        }

        if (at != body.Length)
            throw new FormatException("key index has trailing bytes");
        return sets;
    }

    private static ReadOnlySpan<byte> ReadChunk(ReadOnlySpan<byte> body, ref int at)
    {
        var length = ReadLength(body, ref at);
        if (length > body.Length - at)
            throw new FormatException("key index is truncated");
        var chunk = body.Slice(at, length);
        at += length;
        return chunk;
    }

    private static int ReadLength(ReadOnlySpan<byte> body, ref int at)
    {
        if (body.Length - at < 4)
            throw new FormatException("key index is truncated");
        var length = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
        at += 4;
        return length >= 0 ? length : throw new FormatException("key index has a negative length");
    }
}
