using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Conformance;

namespace CrmSync.Lake.Tests.DeletionVectors;

/// <summary>The DV descriptor, file and bitmap formats, checked against the Spark-written fixture and PROTOCOL.md.</summary>
public class DeletionVectorFormatTests
{
    private static readonly string FixtureTable = Path.Combine(SharedPaths.ConformanceRoot, "tables", "basic-dv-no-checkpoint");
    private static readonly string FixtureDvFile = Path.Combine(FixtureTable, "deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin");

    [Fact]
    public void Relative_path_comes_from_the_z85_uuid_with_an_optional_random_prefix()
    {
        new DeletionVectorDescriptor("u", "IjB3V2d3#qUP%s94R0WF", 1, 36, 2).RelativePath
            .Should().Be("deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin", "the fixture's DV file");
        // PROTOCOL.md, "JSON Example 1 — On Disk with Relative Path (with Random Prefix)".
        new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6).RelativePath
            .Should().Be("ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin");

        var uuid = Guid.Parse("899cef78-06b3-4c14-b024-03860e62cd40");
        DeletionVectorDescriptor.OnDisk(uuid, 1, 36, 2).PathOrInlineDv.Should().Be("IjB3V2d3#qUP%s94R0WF");
    }

    [Fact]
    public void Unique_id_includes_the_offset_only_when_there_is_one()
    {
        new DeletionVectorDescriptor("u", "IjB3V2d3#qUP%s94R0WF", 1, 36, 2).UniqueId.Should().Be("uIjB3V2d3#qUP%s94R0WF@1");
        new DeletionVectorDescriptor("i", "wi5b=", null, 4, 1).UniqueId.Should().Be("iwi5b=");
    }

    [Fact]
    public void Z85_round_trips_and_rejects_foreign_characters()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Z85.Decode(Z85.Encode(bytes)).Should().Equal(bytes);
        Z85.Encode([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]).Should().Be("HelloWorld", "the ZeroMQ RFC 32 test vector");
        var act = () => Z85.Decode("abc~e");
        act.Should().Throw<FormatException>().WithMessage("*'~'*");
    }

    [Fact]
    public async Task The_fixture_dv_reads_as_rows_0_and_1_and_serializes_back_to_identical_bytes()
    {
        var fileBytes = await File.ReadAllBytesAsync(FixtureDvFile);
        await using var stream = File.OpenRead(FixtureDvFile);
        var bitmap = await DeletionVectorFile.ReadBitmapAsync(stream, offset: 1, sizeInBytes: 36, CancellationToken.None);

        var rows = RoaringBitmapArrayFormat.Deserialize(bitmap);
        rows.Values.ToArray().Should().Equal(0L, 1L);

        RoaringBitmapArrayFormat.Serialize(rows).Should().Equal(bitmap);
        var rebuilt = new DeletionVectorFile();
        rebuilt.Append(RoaringBitmapArrayFormat.Serialize(rows)).Should().Be(1);
        rebuilt.ToArray().Should().Equal(fileBytes, "version byte, big-endian size, bitmap and CRC-32 as Spark wrote them");
    }

    [Fact]
    public async Task A_dv_file_with_a_wrong_checksum_or_size_is_refused_saying_why()
    {
        var bytes = await File.ReadAllBytesAsync(FixtureDvFile);
        bytes[^1] ^= 0xFF;
        var badChecksum = () => DeletionVectorFile.ReadBitmapAsync(new MemoryStream(bytes), 1, 36, CancellationToken.None);
        await badChecksum.Should().ThrowAsync<FormatException>().WithMessage("*checksum mismatch*");

        var goodBytes = await File.ReadAllBytesAsync(FixtureDvFile);
        var wrongSize = () => DeletionVectorFile.ReadBitmapAsync(new MemoryStream(goodBytes), 1, 30, CancellationToken.None);
        await wrongSize.Should().ThrowAsync<FormatException>().WithMessage("*declares 36 bytes*");
    }

    public static TheoryData<string, long[]> Bitmaps() => new()
    {
        { "empty", [] },
        { "array container", [3, 4, 7, 11, 18, 29] },
        { "run container", [.. Range(100, 5000)] },
        { "bitmap container (scattered, > 4096 values)", [.. Enumerable.Range(0, 5000).Select(i => (long)i * 13 % 65536).Distinct().Order()] },
        { "several containers, runs and offsets", [.. Range(0, 10), 70_000, 140_000, .. Range(200_000, 300), 300_000] },
        { "rows beyond 2^32 (second bucket)", [5, (1L << 32) + 7] },
    };

    [Theory]
    [MemberData(nameof(Bitmaps))]
    public void Bitmaps_round_trip_through_the_portable_format(string shape, long[] rows)
    {
        var set = RowIndexSet.Of(rows);
        var bytes = RoaringBitmapArrayFormat.Serialize(set);
        RoaringBitmapArrayFormat.Deserialize(bytes).Values.ToArray().Should().Equal(rows, shape);
    }

    [Fact]
    public void A_run_is_written_as_roaring_specifies()
    {
        // Rows 100..104: one run container (cookie 12347 with size-1 = 0, run flag, no offsets below 4 containers).
        var bytes = RoaringBitmapArrayFormat.Serialize(RowIndexSet.Of(Range(100, 5)));
        bytes.Should().Equal(
            0xD1, 0xD3, 0x39, 0x64, // magic 1681511377
            1, 0, 0, 0, 0, 0, 0, 0, // one bucket
            0, 0, 0, 0, // bucket key 0
            0x3B, 0x30, 0, 0, // cookie 12347, one container
            1, // run flags
            0, 0, 4, 0, // key 0, cardinality - 1 = 4
            1, 0, 100, 0, 4, 0); // one run: start 100, length - 1 = 4
    }

    [Fact]
    public void The_older_native_layout_is_read_too()
    {
        // Magic 1681511376, int32 bitmap count, then each bitmap prefixed by its int32 size.
        byte[] bitmap = [0x3A, 0x30, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 16, 0, 0, 0, 3, 0, 9, 0];
        byte[] native = [0xD0, 0xD3, 0x39, 0x64, 1, 0, 0, 0, (byte)bitmap.Length, 0, 0, 0, .. bitmap];
        RoaringBitmapArrayFormat.Deserialize(native).Values.ToArray().Should().Equal(3L, 9L);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "*magic*")]
    [InlineData(new byte[] { 0xD1, 0xD3, 0x39, 0x64, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3A, 0x30 }, "*truncated*")]
    public void Malformed_bitmaps_are_refused_saying_why(byte[] bytes, string message)
    {
        var act = () => RoaringBitmapArrayFormat.Deserialize(bytes);
        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Union_merges_sorted_row_indexes()
    {
        RowIndexSet.Of([5, 1, 9]).Union(RowIndexSet.Of([2, 5, 10])).Values.ToArray().Should().Equal(1L, 2L, 5L, 9L, 10L);
        RowIndexSet.Of([3, 3, 1]).Values.ToArray().Should().Equal(1L, 3L);
    }

    private static IEnumerable<long> Range(long start, int count) => Enumerable.Range(0, count).Select(i => start + i);
}
