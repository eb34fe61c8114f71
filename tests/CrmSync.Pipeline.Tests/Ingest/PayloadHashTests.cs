using System.Text;
using CrmSync.Pipeline.Stages.Ingest;

namespace CrmSync.Pipeline.Tests.Ingest;

/// <summary>payload_hash is what docs/tables.md says, XXH64 (seed 0) of the payload's UTF-8 bytes as a signed long, so
/// every run, process and machine (and anyone recomputing it from the payload column) gets the same value.</summary>
public sealed class PayloadHashTests
{
    // Expected values from an independent XXH64 implementation; the payload has a non-ASCII character.
    private const string Payload = """{"contactid":"x","address1_city":"Zürich"}""";
    private const long PayloadXxh64 = -1843220906845715549; // 0xE66B9059DCE343A3

    [Fact]
    public void Is_xxh64_of_the_utf8_bytes_with_seed_zero()
    {
        PayloadHash.Of(""u8).Should().Be(unchecked((long)0xEF46DB3751D8E999));
        PayloadHash.Of(Encoding.UTF8.GetBytes(Payload)).Should().Be(PayloadXxh64);
    }

    [Fact]
    public void A_payload_read_back_as_a_string_hashes_as_its_bytes_did()
    {
        PayloadHash.Of(Payload).Should().Be(PayloadXxh64);
    }
}
