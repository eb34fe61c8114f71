using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Normalization;

public class FieldValueNormalizerTests
{
    private readonly FieldValueNormalizer _normalizer = new(TestMappings.OptionSets);

    [Theory]
    [InlineData(FieldType.Text, "  Ann ", "Ann")]
    [InlineData(FieldType.Text, "Re\u0301my", "R\u00e9my")]
    [InlineData(FieldType.Email, " John.Doe@Example.COM ", "john.doe@example.com")]
    [InlineData(FieldType.Email, "ｊｏｈｎ@ｅｘａｍｐｌｅ.com", "john@example.com")]
    [InlineData(FieldType.Phone, "+1 (555) 010-2000", "+15550102000")]
    [InlineData(FieldType.Phone, "001 555 010 2000", "+15550102000")]
    [InlineData(FieldType.Phone, "555.010.2000", "5550102000")]
    [InlineData(FieldType.Number, "1.0", "1")]
    [InlineData(FieldType.Number, "1", "1")]
    [InlineData(FieldType.Number, "-0.50", "-0.5")]
    [InlineData(FieldType.Number, "0.000", "0")]
    [InlineData(FieldType.Number, "1e3", "1000")]
    [InlineData(FieldType.Date, "2024-03-05", "2024-03-05")]
    [InlineData(FieldType.Date, "1709596800000", "2024-03-05")]
    [InlineData(FieldType.Date, "2024-03-05T00:00:00Z", "2024-03-05")]
    [InlineData(FieldType.DateTime, "2024-03-05T10:11:12.345Z", "2024-03-05T10:11:12Z")]
    [InlineData(FieldType.DateTime, "2024-03-05T12:11:12+02:00", "2024-03-05T10:11:12Z")]
    [InlineData(FieldType.DateTime, "1709633472345", "2024-03-05T10:11:12Z")]
    [InlineData(FieldType.DateTime, "2024-03-05T10:11:12", "2024-03-05T10:11:12Z")]
    [InlineData(FieldType.Boolean, "TRUE", "true")]
    [InlineData(FieldType.Boolean, "1", "true")]
    [InlineData(FieldType.Boolean, "yes", "true")]
    [InlineData(FieldType.Boolean, "0", "false")]
    [InlineData(FieldType.Boolean, "No", "false")]
    [InlineData(FieldType.Lookup, "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "6f9619ff-8b86-d011-b42d-00c04fc964ff")]
    public void Normalizes_each_type_to_one_canonical_form(FieldType type, string raw, string expected)
    {
        var result = _normalizer.Normalize(Field(type), raw);

        result.Value.Should().Be(expected);
        result.IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("lead", "lead")]
    [InlineData("LEAD", "lead")]
    [InlineData("100000001", "lead")]
    [InlineData(" 100000005 ", "customer")]
    public void Option_set_labels_and_codes_meet_on_the_configured_label(string raw, string expected)
    {
        _normalizer.Normalize(OptionSetField, raw).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData(FieldType.Text)]
    [InlineData(FieldType.Email)]
    [InlineData(FieldType.Number)]
    [InlineData(FieldType.Boolean)]
    [InlineData(FieldType.OptionSet)]
    public void Empty_and_whitespace_are_null(FieldType type)
    {
        var field = type == FieldType.OptionSet ? OptionSetField : Field(type);

        _normalizer.Normalize(field, "").Should().Be(NormalizedValue.Empty);
        _normalizer.Normalize(field, "   ").Value.Should().BeNull();
        _normalizer.Normalize(field, null).Value.Should().BeNull();
    }

    [Theory]
    [InlineData(FieldType.Number, "12,5", "not a number")]
    [InlineData(FieldType.Date, "next week", "not a date")]
    [InlineData(FieldType.DateTime, "noon", "not a date-time")]
    [InlineData(FieldType.Boolean, "perhaps", "not a boolean")]
    [InlineData(FieldType.Phone, "n/a", "no digits")]
    [InlineData(FieldType.Email, "john at example", "not an email")]
    [InlineData(FieldType.Lookup, "account-7", "GUID")]
    public void Unreadable_values_keep_their_text_and_say_why(FieldType type, string raw, string problem)
    {
        var result = _normalizer.Normalize(Field(type), " " + raw + " ");

        result.IsValid.Should().BeFalse();
        result.Problem.Should().Contain(problem);
        result.Text.Should().Be(raw);
        result.Value.Should().NotBeNull();
    }

    [Fact]
    public void An_unknown_option_is_reported_with_the_option_set_name()
    {
        _normalizer.Normalize(OptionSetField, "partner").Problem.Should().Contain("'partner'").And.Contain("new_lifecyclestage");
        _normalizer.Normalize(OptionSetField, "42").Problem.Should().Contain("option code 42");
    }

    [Fact]
    public void Text_like_values_keep_what_the_user_typed_for_display()
    {
        var phone = _normalizer.Normalize(Field(FieldType.Phone), " (555) 010-2000 ");
        var email = _normalizer.Normalize(Field(FieldType.Email), "Ann@Example.com");

        phone.Text.Should().Be("(555) 010-2000");
        email.Text.Should().Be("Ann@Example.com");
    }

    private static FieldMapping OptionSetField =>
        TestMappings.Field("lifecycle_stage", FieldType.OptionSet, dynamics: "new_lifecyclestage");

    private static FieldMapping Field(FieldType type) => TestMappings.Field("f", type);
}
