using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Tests.Common;

public sealed class PagePropertiesBuilderTests
{
    private readonly PagePropertiesBuilder _builder = new();

    [Fact]
    public void Records_with_the_same_names_each_keep_their_own_values_under_those_names()
    {
        var first = Build(("email", "a@example.com"), ("firstname", null), ("city", "Oslo"));
        var second = Build(("email", "b@example.com"), ("firstname", "Bea"), ("city", null));

        first.Should().Equal(new Dictionary<string, string?> { ["email"] = "a@example.com", ["firstname"] = null, ["city"] = "Oslo" });
        second.Should().Equal(new Dictionary<string, string?> { ["email"] = "b@example.com", ["firstname"] = "Bea", ["city"] = null });
        second.Keys.Should().Equal("email", "firstname", "city");
        second.Values.Should().Equal("b@example.com", "Bea", null);
        second.Count.Should().Be(3);
        second.ContainsKey("firstname").Should().BeTrue("a null value is still a property the record has");
        second.ContainsKey("phone").Should().BeFalse();
        second.TryGetValue("phone", out _).Should().BeFalse();
        var missing = () => second["phone"];
        missing.Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void A_record_with_other_names_gets_its_own_and_the_next_record_of_the_first_kind_is_unaffected()
    {
        Build(("new_stage", "100000005"), ("new_stage@OData.Community.Display.V1.FormattedValue", "Customer"), ("lastname", "One"));
        var withoutLabel = Build(("new_stage", null), ("lastname", "Two"));
        var again = Build(("new_stage", "100000001"), ("new_stage@OData.Community.Display.V1.FormattedValue", "Lead"), ("lastname", "Three"));

        withoutLabel.Should().Equal(new Dictionary<string, string?> { ["new_stage"] = null, ["lastname"] = "Two" });
        again.Should().Equal(new Dictionary<string, string?>
        {
            ["new_stage"] = "100000001",
            ["new_stage@OData.Community.Display.V1.FormattedValue"] = "Lead",
            ["lastname"] = "Three",
        });
    }

    [Fact]
    public void A_name_given_twice_in_one_record_keeps_its_last_value_as_a_dictionary_would()
    {
        var properties = Build(("email", "first@example.com"), ("city", "Oslo"), ("email", "last@example.com"));

        properties.Should().Equal(new Dictionary<string, string?> { ["email"] = "last@example.com", ["city"] = "Oslo" });
    }

    [Fact]
    public void Every_record_is_right_however_many_different_name_lists_a_page_holds()
    {
        var records = Enumerable.Range(0, 300).Select(i => Build(("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ($"column{i}", "x"))).ToList();

        records.Select((properties, i) => properties[$"column{i}"] == "x" && properties["id"] == i.ToString(System.Globalization.CultureInfo.InvariantCulture) && properties.Count == 2)
            .Should().OnlyContain(right => right);
    }

    private IReadOnlyDictionary<string, string?> Build(params (string Name, string? Value)[] members)
    {
        foreach (var (name, value) in members)
        {
            _builder.Add(name, value);
        }

        return _builder.Build();
    }
}
