using CrmSync.Lake.KeyIndex;

namespace CrmSync.Lake.Tests.KeyIndex;

public class KeyIndexFileTests
{
    [Fact]
    public void A_sidecar_round_trips_its_filters_per_column()
    {
        var bytes = KeyIndexFile.Serialize(SampleIndex());
        var filters = KeyIndexFile.Parse(bytes);

        filters.Keys.Should().BeEquivalentTo("id", "email");
        filters["ID"].MightContain(KeyHasher.Hash("k1", Protocol.PrimitiveType.String)).Should().BeTrue("column names match ignoring case, as Spark's");
        filters["email"].MightContain(KeyHasher.Hash("a@x.example", Protocol.PrimitiveType.String)).Should().BeTrue();
        filters["id"].MightContain(KeyHasher.Hash("k3", Protocol.PrimitiveType.String)).Should().BeFalse();
        filters["email"].Count.Should().Be(1, "nulls are not keys");
    }

    [Fact]
    public void A_version_1_sidecar_of_bloom_filters_is_not_read_so_the_file_has_no_index_until_it_is_rebuilt()
    {
        var bytes = KeyIndexFile.Serialize(SampleIndex());
        bytes[4].Should().Be(2, "the version byte follows the magic");
        bytes[4] = 1;

        var act = () => KeyIndexFile.Parse(bytes);

        act.Should().Throw<FormatException>().WithMessage("*version 1*");
    }

    [Fact]
    public void Any_damage_is_reported_as_a_format_error()
    {
        var bytes = KeyIndexFile.Serialize(SampleIndex());
        var flipped = bytes.ToArray();
        flipped[bytes.Length / 2] ^= 0x10;
        var truncated = bytes[..^5];
        var otherFile = "PAR1 not a key index"u8.ToArray();

        foreach (var damaged in new[] { flipped, truncated, otherFile, Array.Empty<byte>() })
        {
            var act = () => KeyIndexFile.Parse(damaged);
            act.Should().Throw<FormatException>();
        }
    }

    [Theory]
    [InlineData("part-00000-a-c000.snappy.parquet", "_crmsync_index/part-00000-a-c000.snappy.parquet.bloom")]
    [InlineData("country=DE/part-00000-b-c000.snappy.parquet", "_crmsync_index/country=DE/part-00000-b-c000.snappy.parquet.bloom")]
    public void A_sidecar_sits_in_a_hidden_folder_mirroring_its_data_file(string dataFile, string sidecar)
    {
        KeyIndexFile.PathFor(dataFile).Should().Be(sidecar);
        KeyIndexFile.TryGetDataFile(sidecar, out var back).Should().BeTrue();
        back.Should().Be(dataFile);
        KeyIndexFile.TryGetDataFile(dataFile, out _).Should().BeFalse();
    }

    private static FileKeyIndex SampleIndex()
    {
        var builder = new KeyIndexBuilder([new("id", Protocol.PrimitiveType.String), new("email", Protocol.PrimitiveType.String)]);
        builder.Add(["k1", "a@x.example"], [0, 1]);
        builder.Add(["k2", null], [0, 1]);
        return builder.Build();
    }
}
