using CrmSync.Core.Configuration;

namespace CrmSync.Core.Tests.Configuration;

public class FieldMappingsParserTests
{
    private const string File = "field_mappings.yaml";

    [Fact]
    public void Parses_fields_with_their_defaults()
    {
        var set = FieldMappingsParser.Parse(SampleConfig.Mappings, File);

        set.Fields.Select(f => f.Name).Should().Equal("email", "first_name", "lifecycle_stage", "account_id");
        var firstName = set["first_name"];
        firstName.Type.Should().Be(FieldType.Text);
        firstName.Direction.Should().Be(SyncDirection.Bi);
        firstName.Strategy.Should().Be(WriteStrategy.Overwrite);
        firstName.Conflict.Should().Be(ConflictRule.LatestWins);
        firstName.EmptyWins.Should().BeFalse();
        firstName.Location.Should().Be(new SourceLocation(File, 9, 5));
        set["lifecycle_stage"].Conflict.Should().Be(ConflictRule.HubSpotWins);
        set["account_id"].Direction.Should().Be(SyncDirection.ToHubSpot);
        set["account_id"].DynamicsReadName.Should().Be("_parentcustomerid_value");
        set.MatchField.Name.Should().Be("email");
        set.CreateMissingInHubSpot.Should().BeTrue();
        set.CreateMissingInDynamics.Should().BeTrue();
        set.SortedByName.Select(f => f.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_reported_with_file_line_and_key()
    {
        var yaml = SampleConfig.Mappings.Replace("    dynamics: firstname", "    dynamics: firstname\n    colour: blue", StringComparison.Ordinal);

        var error = SingleError(yaml);

        error.File.Should().Be(File);
        error.Line.Should().Be(13);
        error.Key.Should().Be("fields[1].colour");
        error.Message.Should().Contain("unknown key");
        error.ToString().Should().StartWith("field_mappings.yaml:13:");
    }

    [Fact]
    public void A_bad_enum_value_lists_the_allowed_values()
    {
        var yaml = SampleConfig.Mappings.Replace("direction: to_hubspot", "direction: both", StringComparison.Ordinal);

        var error = SingleError(yaml);

        error.Key.Should().Be("fields[3].direction");
        error.Line.Should().Be(22);
        error.Message.Should().Contain("'both'").And.Contain("bi, to_hubspot, to_dynamics");
    }

    [Fact]
    public void A_to_dynamics_field_without_a_dynamics_attribute_is_an_error()
    {
        const string yaml = """
            fields:
              - name: email
                type: email
                hubspot: email
                dynamics: emailaddress1
              - name: score
                type: number
                hubspot: hubspotscore
                direction: to_dynamics
            """;

        var error = SingleError(yaml);

        error.Key.Should().Be("fields[1].dynamics");
        error.Message.Should().Contain("to_dynamics").And.Contain("Dynamics attribute");
    }

    [Fact]
    public void A_duplicate_unified_name_points_at_both_places()
    {
        var yaml = SampleConfig.Mappings.Replace("name: first_name", "name: email", StringComparison.Ordinal);

        var error = SingleError(yaml);

        error.Key.Should().Be("fields[1].name");
        error.Line.Should().Be(9);
        error.Message.Should().Contain("duplicate unified name 'email'").And.Contain("line 5");
    }

    [Fact]
    public void Two_fields_writing_one_attribute_are_rejected()
    {
        var yaml = SampleConfig.Mappings.Replace("dynamics: firstname", "dynamics: EmailAddress1", StringComparison.Ordinal);

        SingleError(yaml).Message.Should().Contain("duplicate Dynamics attribute");
    }

    [Fact]
    public void Missing_required_keys_are_each_reported()
    {
        const string yaml = """
            fields:
              - name: email
                type: email
                hubspot: email
                dynamics: emailaddress1
              - hubspot: firstname
                dynamics: firstname
            """;

        var errors = Errors(yaml);

        errors.Select(e => e.Key).Should().BeEquivalentTo("fields[1].name", "fields[1].type");
        errors.Should().OnlyContain(e => e.Line == 6 && e.Message.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_conflict_rule_on_a_one_way_field_is_rejected()
    {
        var yaml = SampleConfig.Mappings.Replace("direction: to_hubspot", "direction: to_hubspot\n    conflict: hubspot_wins", StringComparison.Ordinal);

        var error = SingleError(yaml);

        error.Key.Should().Be("fields[3].conflict");
        error.Message.Should().Contain("only to direction bi").And.Contain("Dynamics value");
    }

    [Theory]
    [InlineData("name: first_name", "name: First Name", "fields[1].name")]
    [InlineData("empty_wins", "empty_wins", "fields[2].empty_wins")]
    public void Malformed_values_are_reported(string find, string replace, string key)
    {
        var yaml = SampleConfig.Mappings.Replace(find, replace, StringComparison.Ordinal);
        if (find == "empty_wins")
        {
            yaml = yaml.Replace("conflict: hubspot_wins", "conflict: hubspot_wins\n    empty_wins: maybe", StringComparison.Ordinal);
        }

        SingleError(yaml).Key.Should().Be(key);
    }

    [Fact]
    public void The_match_field_must_be_a_mapped_email_field()
    {
        var notMapped = "match_field: work_email\n" + SampleConfig.Mappings;
        var notEmail = "match_field: first_name\n" + SampleConfig.Mappings;

        SingleError(notMapped).Message.Should().Contain("'work_email' is not a mapped field");
        SingleError(notEmail).Message.Should().Contain("must have type email");
    }

    [Fact]
    public void A_yaml_syntax_error_reports_its_line()
    {
        const string yaml = "fields:\n  - name: email\n    type: [email\n";

        var error = SingleError(yaml);

        error.Key.Should().Be("(syntax)");
        error.Line.Should().BeGreaterThan(2);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_with_its_line()
    {
        var yaml = SampleConfig.Mappings.Replace("    dynamics: firstname", "    dynamics: firstname\n    type: number", StringComparison.Ordinal);

        var error = SingleError(yaml);

        error.Line.Should().Be(13);
        error.Message.Should().Contain("Duplicate key");
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var yaml = SampleConfig.Mappings
            .Replace("type: email", "type: mail", StringComparison.Ordinal)
            .Replace("direction: to_hubspot", "direction: sideways", StringComparison.Ordinal)
            .Replace("conflict: hubspot_wins", "conflict: loudest_wins", StringComparison.Ordinal);

        var exception = Parsing(yaml).Should().Throw<ConfigurationException>().Which;

        exception.Errors.Select(e => e.Key).Should().Contain(["fields[0].type", "fields[2].conflict", "fields[3].direction"]);
        exception.Message.Should().Contain("field_mappings.yaml:6:").And.Contain("fields[3].direction");
    }

    [Fact]
    public void An_empty_file_is_an_error_not_an_empty_mapping()
    {
        SingleError("").Key.Should().Be("(root)");
        SingleError("fields: []").Message.Should().Contain("at least one field");
    }

    private static Func<FieldMappingSet> Parsing(string yaml) => () => FieldMappingsParser.Parse(yaml, File);

    private static IReadOnlyList<ConfigurationError> Errors(string yaml) =>
        Parsing(yaml).Should().Throw<ConfigurationException>().Which.Errors;

    private static ConfigurationError SingleError(string yaml) => Errors(yaml).Should().ContainSingle().Subject;
}
