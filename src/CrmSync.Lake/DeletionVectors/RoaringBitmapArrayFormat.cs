using System.Buffers.Binary;
using System.Numerics;

namespace CrmSync.Lake.DeletionVectors;

/// <summary>
/// Delta's serialized RoaringBitmapArray (PROTOCOL.md "Deletion Vector Format"), little-endian throughout: magic 1681511377,
/// then the 64-bit "portable" Roaring layout: int64 bucket count, per bucket in ascending order its int32 high key and a
/// standard 32-bit Roaring bitmap (RoaringFormatSpec) of the low 32 bits. Reading also accepts Delta's "native" layout
/// (magic 1681511376: int32 bitmap count, each bitmap preceded by its int32 size), which Delta readers accept too.
/// Writing encodes every 16-bit container as the smallest of array, bitmap and run, as Java's RoaringBitmap does after
/// runOptimize, so Spark's DV bytes read and re-serialize unchanged.
/// </summary>
internal static class RoaringBitmapArrayFormat
{
    public const int PortableMagic = 1681511377;
    public const int NativeMagic = 1681511376;

    private const int CookieNoRunContainers = 12346;
    private const int CookieWithRunContainers = 12347;

    /// <summary>With run containers, the offset header is written only from this many containers on.</summary>
    private const int NoOffsetThreshold = 4;

    private const int MaxArrayCardinality = 4096;
    private const int BitmapContainerBytes = 8192;

    private enum ContainerKind
    {
        Array,
        Bitmap,
        Run,
    }

    public static byte[] Serialize(RowIndexSet rows)
    {
        var values = rows.Values;
        var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(PortableMagic);
            // Like Spark's array of bitmaps, every bucket from 0 to the highest is written, empty ones included.
            var bucketCount = values.Length == 0 ? 0 : (values[^1] >> 32) + 1;
            if (bucketCount > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(rows), values[^1], "Row index beyond what a RoaringBitmapArray holds.");
            w.Write(bucketCount);
            var start = 0;
            for (var bucket = 0; bucket < bucketCount; bucket++)
            {
                var end = start;
                while (end < values.Length && values[end] >> 32 == bucket)
                    end++;
                w.Write(bucket);
                WriteBitmap32(w, values[start..end]);
                start = end;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a serialized RoaringBitmapArray; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static RowIndexSet Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        var magic = reader.ReadInt32();
        var values = new List<long>();
        switch (magic)
        {
            case PortableMagic:
                var buckets = reader.ReadInt64();
                if (buckets is < 0 or > int.MaxValue)
                    throw new FormatException($"invalid bucket count {buckets}");
                long previousKey = -1;
                for (long b = 0; b < buckets; b++)
                {
                    var key = reader.ReadInt32();
                    if (key <= previousKey)
                        throw new FormatException($"bucket key {key} is negative or not ascending");
                    previousKey = key;
                    ReadBitmap32(ref reader, (long)key << 32, values);
                }

                break;
            case NativeMagic:
                var count = reader.ReadInt32();
                if (count < 0)
                    throw new FormatException($"invalid bitmap count {count}");
                for (var key = 0; key < count; key++)
                {
                    var size = reader.ReadInt32();
                    var before = reader.Position;
                    ReadBitmap32(ref reader, (long)key << 32, values);
                    if (reader.Position - before != size)
                        throw new FormatException($"bitmap {key} declares {size} bytes but holds {reader.Position - before}");
                }

                break;
            default:
                throw new FormatException($"unknown RoaringBitmapArray magic number {magic}");
        }

        if (reader.Position != data.Length)
            throw new FormatException($"{data.Length - reader.Position} unexpected bytes after the bitmap");
        return RowIndexSet.FromSorted([.. values]);
    }

    private static void WriteBitmap32(BinaryWriter w, ReadOnlySpan<long> values)
    {
        var containers = new List<(ushort Key, int Start, int Count, int Runs, ContainerKind Kind)>();
        var start = 0;
        while (start < values.Length)
        {
            var key = (ushort)(values[start] >> 16);
            var end = start + 1;
            var runs = 1;
            while (end < values.Length && (ushort)(values[end] >> 16) == key)
            {
                if (values[end] != values[end - 1] + 1)
                    runs++;
                end++;
            }

            var count = end - start;
            var plainBytes = count <= MaxArrayCardinality ? 2 * count : BitmapContainerBytes;
            var kind = RunBytes(runs) < plainBytes ? ContainerKind.Run
                : count <= MaxArrayCardinality ? ContainerKind.Array : ContainerKind.Bitmap;
            containers.Add((key, start, count, runs, kind));
            start = end;
        }

        var size = containers.Count;
        var hasRuns = containers.Exists(c => c.Kind == ContainerKind.Run);
        int offset;
        if (hasRuns)
        {
            w.Write(CookieWithRunContainers | ((size - 1) << 16));
            var runFlags = new byte[(size + 7) / 8];
            for (var i = 0; i < size; i++)
            {
                if (containers[i].Kind == ContainerKind.Run)
                    runFlags[i / 8] |= (byte)(1 << (i % 8));
            }

            w.Write(runFlags);
            offset = 4 + runFlags.Length + (4 * size) + (size >= NoOffsetThreshold ? 4 * size : 0);
        }
        else
        {
            w.Write(CookieNoRunContainers);
            w.Write(size);
            offset = 8 + (8 * size);
        }

        foreach (var c in containers)
        {
            w.Write(c.Key);
            w.Write((ushort)(c.Count - 1));
        }

        if (!hasRuns || size >= NoOffsetThreshold)
        {
            foreach (var c in containers)
            {
                w.Write(offset);
                offset += c.Kind switch
                {
                    ContainerKind.Run => RunBytes(c.Runs),
                    ContainerKind.Array => 2 * c.Count,
                    _ => BitmapContainerBytes,
                };
            }
        }

        foreach (var c in containers)
            WriteContainer(w, values.Slice(c.Start, c.Count), c.Kind, c.Runs);
    }

    private static int RunBytes(int runs) => 2 + (4 * runs);

    private static void WriteContainer(BinaryWriter w, ReadOnlySpan<long> values, ContainerKind kind, int runs)
    {
        switch (kind)
        {
            case ContainerKind.Array:
                foreach (var v in values)
                    w.Write((ushort)v);
                break;
            case ContainerKind.Bitmap:
                var words = new ulong[1024];
                foreach (var v in values)
                    words[(ushort)v >> 6] |= 1UL << (int)(v & 63);
                foreach (var word in words)
                    w.Write(word);
                break;
            default:
                w.Write((ushort)runs);
                var runStart = 0;
                for (var i = 1; i <= values.Length; i++)
                {
                    if (i < values.Length && values[i] == values[i - 1] + 1)
                        continue;
                    w.Write((ushort)values[runStart]);
                    w.Write((ushort)(i - 1 - runStart));
                    runStart = i;
                }

                break;
        }
    }

    private static void ReadBitmap32(ref SpanReader reader, long high, List<long> values)
    {
        var cookie = reader.ReadInt32();
        int size;
        byte[] runFlags;
        bool hasOffsets;
        if ((cookie & 0xFFFF) == CookieWithRunContainers)
        {
            size = (int)((uint)cookie >> 16) + 1;
            runFlags = reader.ReadBytes((size + 7) / 8).ToArray();
            hasOffsets = size >= NoOffsetThreshold;
        }
        else if (cookie == CookieNoRunContainers)
        {
            size = reader.ReadInt32();
            if (size is < 0 or > 65536)
                throw new FormatException($"invalid container count {size}");
            runFlags = new byte[(size + 7) / 8];
            hasOffsets = true;
        }
        else
        {
            throw new FormatException($"unknown Roaring cookie {cookie}");
        }

        var keys = new ushort[size];
        var cardinalities = new int[size];
        for (var i = 0; i < size; i++)
        {
            keys[i] = reader.ReadUInt16();
            cardinalities[i] = reader.ReadUInt16() + 1;
            if (i > 0 && keys[i] <= keys[i - 1])
                throw new FormatException($"container keys are not ascending ({keys[i - 1]}, {keys[i]})");
        }

        if (hasOffsets)
            reader.ReadBytes(4 * size);
        for (var i = 0; i < size; i++)
        {
            var containerBase = high | ((long)keys[i] << 16);
            var before = values.Count;
            if ((runFlags[i / 8] & (1 << (i % 8))) != 0)
            {
                var runs = reader.ReadUInt16();
                long previousEnd = -1;
                for (var r = 0; r < runs; r++)
                {
                    int runStart = reader.ReadUInt16();
                    var runEnd = runStart + reader.ReadUInt16();
                    if (runStart <= previousEnd || runEnd > ushort.MaxValue)
                        throw new FormatException($"run [{runStart}, {runEnd}] overlaps or leaves the container");
                    for (var v = runStart; v <= runEnd; v++)
                        values.Add(containerBase | (uint)v);
                    previousEnd = runEnd;
                }
            }
            else if (cardinalities[i] <= MaxArrayCardinality)
            {
                var previous = -1;
                for (var c = 0; c < cardinalities[i]; c++)
                {
                    int v = reader.ReadUInt16();
                    if (v <= previous)
                        throw new FormatException($"array container values are not ascending ({previous}, {v})");
                    values.Add(containerBase | (uint)v);
                    previous = v;
                }
            }
            else
            {
                var words = reader.ReadBytes(BitmapContainerBytes);
                for (var word = 0; word < 1024; word++)
                {
                    var bits = BinaryPrimitives.ReadUInt64LittleEndian(words[(word * 8)..]);
                    while (bits != 0)
                    {
                        var bit = BitOperations.TrailingZeroCount(bits);
                        values.Add(containerBase | (uint)((word << 6) + bit));
                        bits &= bits - 1;
                    }
                }
            }

            if (values.Count - before != cardinalities[i])
                throw new FormatException($"container {keys[i]} declares {cardinalities[i]} values but holds {values.Count - before}");
        }
    }

    /// <summary>Little-endian reads that report truncation as a <see cref="FormatException"/>.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

        public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

        public ReadOnlySpan<byte> ReadBytes(int count)
        {
            if (count < 0 || _data.Length - Position < count)
                throw new FormatException($"truncated: {count} bytes needed at byte {Position} of {_data.Length}");
            var slice = _data.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
