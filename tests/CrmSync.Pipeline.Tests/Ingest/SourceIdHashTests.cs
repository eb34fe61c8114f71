using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using CrmSync.Pipeline.Stages.Ingest;

namespace CrmSync.Pipeline.Tests.Ingest;

/// <summary>A record's id and bronze's source_id (read as UTF-8 bytes from Parquet) must hash alike, or no re-read version
/// would be recognised: the string is hashed as its UTF-8 bytes, whatever its length or characters.</summary>
public sealed class SourceIdHashTests
{
    public static TheoryData<string> Ids =>
    [
        "",
        "12345678901",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "Zürich-✓-😀",
        new string('x', 300) + "é",
    ];

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_id_hashes_as_its_utf8_bytes(string id)
    {
        SourceIdHash.Of(id).Should().Be(SourceIdHash.Of(Encoding.UTF8.GetBytes(id)));
        SourceIdHash.Of(id).Should().Be(XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Ids_that_differ_hash_differently_and_not_as_their_utf16_bytes()
    {
        const string Id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        SourceIdHash.Of(Id).Should().NotBe(SourceIdHash.Of("3f2504e0-4f89-11d3-9a0c-0305e82c3302"));
        SourceIdHash.Of(Id).Should().NotBe(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(Id.AsSpan())));
    }
}
