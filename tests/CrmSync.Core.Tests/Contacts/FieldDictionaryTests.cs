using CrmSync.Core.Contacts;

namespace CrmSync.Core.Tests.Contacts;

public class FieldDictionaryTests
{
    private static readonly FieldKeys Keys = new(["email", "city", "phone"]);

    [Fact]
    public void Reads_each_value_by_its_name_and_by_its_ordinal()
    {
        var fields = new FieldDictionary<string?>(Keys, ["ann@x.com", null, "555"]);

        fields["email"].Should().Be("ann@x.com");
        fields["city"].Should().BeNull();
        fields.TryGetValue("phone", out var phone).Should().BeTrue();
        phone.Should().Be("555");
        fields.At(2).Should().Be("555");
        fields.ContainsKey("city").Should().BeTrue();
        fields.Count.Should().Be(3);
    }

    [Fact]
    public void Enumerates_names_and_values_in_the_keys_order()
    {
        var fields = new FieldDictionary<int>(Keys, [1, 2, 3]);

        fields.Should().Equal(new KeyValuePair<string, int>("email", 1), new KeyValuePair<string, int>("city", 2), new KeyValuePair<string, int>("phone", 3));
        fields.Keys.Should().Equal("email", "city", "phone");
        fields.Values.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_name_outside_the_keys_is_absent_and_its_indexer_says_which()
    {
        var fields = new FieldDictionary<string?>(Keys, ["a", "b", "c"]);

        fields.TryGetValue("Email", out _).Should().BeFalse("names are compared ordinally, as the dictionaries it replaces did");
        fields.ContainsKey("zip").Should().BeFalse();
        fields.GetValueOrDefault("zip").Should().BeNull();
        var read = () => fields["zip"];
        read.Should().Throw<KeyNotFoundException>().WithMessage("*'zip'*");
    }

    [Fact]
    public void Values_must_match_the_keys_one_for_one_and_names_must_be_distinct()
    {
        var tooFew = () => new FieldDictionary<string?>(Keys, ["a", "b"]);
        var twice = () => new FieldKeys(["email", "city", "email"]);

        tooFew.Should().Throw<ArgumentException>().WithMessage("2 values for 3 names*");
        twice.Should().Throw<ArgumentException>().WithMessage("'email' is named twice*");
    }
}
