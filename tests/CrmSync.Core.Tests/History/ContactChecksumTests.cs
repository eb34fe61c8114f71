using CrmSync.Core.History;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.History;

/// <summary>
/// Checksums are stored in silver.contacts_scd2: these pin the values the first implementation produced, so a
/// rewrite that changed one byte (and so re-versioned every contact) fails here.
/// </summary>
public class ContactChecksumTests
{
    private static readonly Core.Configuration.FieldMappingSet Mappings = TestMappings.Standard();

    /// <summary>Longer in UTF-8 than any stack buffer: 4,000 chars, 7,000 bytes, with surrogate pairs throughout.</summary>
    private static readonly string LongValue = string.Concat(Enumerable.Repeat("Åb\U0001F600", 1000));

    [Fact]
    public void Ascii_values_keep_their_checksum()
    {
        var contact = Unified.Contact("u1", ("email", "ann@x.com"), ("first_name", "Ann"), ("phone", "+4930123456"), ("email_opt_out", "false"));

        ContactChecksum.Compute(contact, Mappings).Should().Be("be3e967ce118419d434f79dc3a32525397411f27dd279a6d4395f154a3357adf");
    }

    [Fact]
    public void A_contact_without_values_keeps_its_checksum()
    {
        ContactChecksum.Compute(Unified.Contact("u1"), Mappings).Should().Be("3f17b09bf4c9dc258d897b68e2f5a872923a834f344df5df380a92229286c7b3");
    }

    [Fact]
    public void Empty_strings_keep_their_checksum_apart_from_missing_values()
    {
        var contact = Unified.Contact("u1", ("first_name", ""), ("job_title", ""));

        ContactChecksum.Compute(contact, Mappings).Should().Be("16005930ab91c4f08db51b85dec316d296c48c60d60e703994c21745df97bdd9");
    }

    [Fact]
    public void Non_ascii_values_with_a_surrogate_pair_keep_their_checksum()
    {
        var contact = Unified.Contact("u1", ("email", "zoë@x.com"), ("first_name", "Zoë Ångström"), ("job_title", "日本語 \U0001F600"));

        ContactChecksum.Compute(contact, Mappings).Should().Be("1b686f45e0764d6b455e30e3b28c63d8d7c741ac0ebcb485feb03593c730cafc");
    }

    [Fact]
    public void A_lone_surrogate_hashes_as_the_replacement_character()
    {
        var contact = Unified.Contact("u1", ("first_name", "a\uD800b"));

        ContactChecksum.Compute(contact, Mappings).Should().Be("2840ce13d795b47f6c3bffdf829549c44fbe9dae3ff5571de94d434e8a393bd2");
    }

    [Fact]
    public void A_long_value_keeps_its_checksum()
    {
        var contact = Unified.Contact("u1", ("email", "ann@x.com"), ("job_title", LongValue));

        ContactChecksum.Compute(contact, Mappings).Should().Be("a1adc56a3da7b42832bd122241e23b2b879e3448f2a8895033595c489dd4295a");
    }
}
