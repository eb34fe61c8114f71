using CrmSync.Cli.Tests.Support;
using CrmSync.Core.Configuration;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Cli.Tests.Databricks;

/// <summary>
/// Every cell of every analyst notebook runs through `crmsync sql` against a lake holding every
/// table of the pipeline's catalog (the schemas the stages really write, from configs/), so a
/// renamed column or non-portable SQL fails here before it fails on Databricks.
/// </summary>
public sealed class AnalystNotebookSqlTests : IDisposable
{
    private readonly TempDirectory _lake = new();

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
    public async Task The_cell_runs_in_crmsync_sql(string notebook, int cell)
    {
        await CreateEveryTableAsync();
        var sql = NotebookCells.Read(RepositoryFiles.PathOf("notebooks", notebook)).Where(NotebookCells.IsSql).ElementAt(cell);

        var run = await CliRun.InvokeAsync("sql", sql, "--lake", _lake.Path, "--format", "csv");

        run.ExitCode.Should().Be(0, $"{notebook} SQL cell {cell + 1} must run:\n{sql}\n{run.Error}");
        run.Output.Should().NotBeEmpty("a CSV result always has its header line");
    }

    public void Dispose() => _lake.Dispose();

    private async Task CreateEveryTableAsync()
    {
        var mappingsPath = RepositoryFiles.PathOf("configs", "field_mappings.yaml");
        var schemas = new TableSchemas(FieldMappingsParser.Parse(await File.ReadAllTextAsync(mappingsPath), mappingsPath));
        var catalog = LakeCatalog.ForDirectory(_lake.Path, schemas, TimeProvider.System);
        foreach (var table in TableNames.All)
        {
            await catalog.CreateIfNotExistsAsync(table, CancellationToken.None);
        }
    }
}
