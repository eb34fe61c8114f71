using CrmSync.Cli.Sql;

namespace CrmSync.Cli.Tests.Sql;

public class SqlValueTextTests
{
    [Fact]
    public void Values_print_invariantly_with_iso_timestamps()
    {
        SqlValueText.ToText(null).Should().BeNull();
        SqlValueText.ToText(1.5m).Should().Be("1.5");
        SqlValueText.ToText(true).Should().Be("true");
        SqlValueText.ToText(new DateTime(2026, 11, 16, 9, 30, 0, 250, DateTimeKind.Utc)).Should().Be("2026-11-16T09:30:00.25Z");
        SqlValueText.ToText(new DateTime(2026, 11, 16, 9, 30, 0, DateTimeKind.Unspecified)).Should().Be("2026-11-16T09:30:00");
        SqlValueText.ToText(new DateOnly(2026, 1, 2)).Should().Be("2026-01-02");
        SqlValueText.ToText(new byte[] { 0xCA, 0xFE }).Should().Be("CAFE");
    }

    [Fact]
    public void Nested_values_print_as_json()
    {
        SqlValueText.ToText(new List<int> { 1, 2 }).Should().Be("[1,2]");
        SqlValueText.ToText(new Dictionary<string, string?> { ["email"] = "hubspot", ["phone"] = null })
            .Should().Be("{\"email\":\"hubspot\",\"phone\":null}");
    }
}
