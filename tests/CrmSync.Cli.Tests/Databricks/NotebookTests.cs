using System.Text.RegularExpressions;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Databricks;

public partial class NotebookTests
{
    private const string SqlHeader = "-- Databricks notebook source";
    private const string SqlCellSeparator = "-- COMMAND ----------";

    private static IEnumerable<string> SqlNotebookNames =>
        Directory.GetFiles(RepositoryFiles.PathOf("notebooks"), "*.sql").Select(path => Path.GetFileName(path)).Order();

    public static TheoryData<string> SqlNotebooks => new(SqlNotebookNames);

    [Fact]
    public void The_setup_notebook_and_the_four_analyst_notebooks_exist()
    {
        SqlNotebookNames.Should().BeEquivalentTo(
            "00_setup.sql", "10_unified_contacts.sql", "20_scd2_as_of.sql", "30_outbox_health.sql", "40_audit_and_dead_letters.sql");
    }

    [Theory]
    [MemberData(nameof(SqlNotebooks))]
    public void A_sql_notebook_starts_with_the_databricks_header_and_has_no_empty_cell(string notebook)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("notebooks", notebook));

        text.Should().StartWith(SqlHeader + "\n");
        var cells = text[SqlHeader.Length..].Split(SqlCellSeparator);
        cells.Should().HaveCountGreaterThan(1);
        cells.Should().OnlyContain(cell => cell.Trim().Length > 0, "an empty cell means a doubled separator");
        text.Split('\n').Where(line => line.StartsWith("-- COMMAND", StringComparison.Ordinal))
            .Should().OnlyContain(line => line == SqlCellSeparator);
    }

    [Fact]
    public void Setup_registers_every_table_of_the_table_contract_by_location()
    {
        var contract = File.ReadAllText(RepositoryFiles.PathOf("docs", "tables.md"));
        var setup = File.ReadAllText(RepositoryFiles.PathOf("notebooks", "00_setup.sql"));
        var tables = TableHeading().Matches(contract)
            .SelectMany(heading => heading.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
            .ToList();

        tables.Should().HaveCountGreaterThan(10).And.Contain("silver.contacts_unified");
        foreach (var table in tables)
        {
            var (layer, name) = (table.Split('.')[0], table.Split('.')[1]);
            setup.Should().Contain(
                $"CREATE TABLE IF NOT EXISTS {table} USING DELTA LOCATION '${{lake_location}}/{layer}/{name}'",
                $"docs/tables.md lists {table}");
        }
    }

    [Fact]
    public void The_launcher_is_a_plain_python_file_because_spark_python_task_runs_files_not_notebooks()
    {
        var launcher = File.ReadAllText(RepositoryFiles.PathOf("notebooks", "crmsync_launcher.py"));

        launcher.Should().NotStartWith("# Databricks notebook source");
        launcher.Should().Contain("if __name__ == \"__main__\":");
    }

    [GeneratedRegex(@"^### (.+)$", RegexOptions.Multiline)]
    private static partial Regex TableHeading();
}
