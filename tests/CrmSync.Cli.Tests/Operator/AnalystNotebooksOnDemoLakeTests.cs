using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>
/// Every SQL cell of every analyst notebook (all portable, per their headers) runs through `crmsync sql` on a lake
/// the demo filled, so the notebooks cannot rot: a data-test cell ("Must return no rows") returns none, and the
/// cells that describe a synced lake return rows.
/// </summary>
public sealed class AnalystNotebooksOnDemoLakeTests(DemoLakeFixture demo) : IClassFixture<DemoLakeFixture>
{
    private const string MustReturnNoRows = "-- Must return no rows";

    /// <summary>Cells (by their first comment line) that a demo lake always answers with at least one row.</summary>
    private static readonly string[] ReturnRowsOnADemoLake =
    [
        "-- Who we know, and where they live.",
        "-- How source records were linked to people.",
        "-- The most recently changed people.",
        "-- New versions per day.",
        "-- Rows per status and target system.",
        "-- The latest stage executions.",
        "-- API calls per system, stage and HTTP status, with latency.",
        "-- Open dead letters: pushes that failed for good and need a decision.",
        "-- How far each stream has read.",
    ];

    public static TheoryData<string, int> Cells()
    {
        var data = new TheoryData<string, int>();
        foreach (var notebook in new[] { "10_unified_contacts.sql", "20_scd2_as_of.sql", "30_outbox_health.sql", "40_audit_and_dead_letters.sql" })
        {
            var count = NotebookCells.Read(RepositoryFiles.PathOf("notebooks", notebook)).Count(NotebookCells.IsSql);
            for (var cell = 0; cell < count; cell++)
            {
                data.Add(notebook, cell);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task The_cell_runs_on_a_demo_lake_and_returns_what_it_promises(string notebook, int cell)
    {
        var sql = NotebookCells.Read(RepositoryFiles.PathOf("notebooks", notebook)).Where(NotebookCells.IsSql).ElementAt(cell);
        var firstComment = sql.Split('\n')[0].Trim();

        var run = await demo.RunAsync("sql", sql, "--format", "csv");

        run.ExitCode.Should().Be(0, $"{notebook} SQL cell {cell + 1} must run:\n{sql}\n{run.Error}");
        var dataRows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        if (firstComment.StartsWith(MustReturnNoRows, StringComparison.Ordinal))
        {
            dataRows.Should().Be(0, $"{notebook} cell {cell + 1} is a data test:\n{run.Output}");
        }
        else if (ReturnRowsOnADemoLake.Contains(firstComment))
        {
            dataRows.Should().BeGreaterThan(0, $"{notebook} cell {cell + 1} describes a synced lake");
        }
    }
}
