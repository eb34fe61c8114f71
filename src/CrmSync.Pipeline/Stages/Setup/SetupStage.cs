using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline.Stages.Setup;

/// <summary>setup: creates every table that does not exist yet (idempotent; existing data is untouched), brings existing
/// tables up to the configured schema by adding the columns they lack (nullable, at the end; e.g. a lake made by an older
/// CrmSync or a field added to field_mappings.yaml), turns deletion vectors on for merged tables that lack them
/// (lake.deletion_vectors), and gives tables the key index of <see cref="KeyIndexes"/> (filters for their existing files too). Changes it cannot make safely (a column's type or nullability, a new required column,
/// partitioning) fail the stage naming table and column, before any table is changed.</summary>
internal sealed partial class SetupStage(StageServices services) : IStage
{
    private readonly ILogger _logger = services.Loggers.CreateLogger("CrmSync.Pipeline.Setup");

    public string Name => StageNames.Setup;

    /// <summary>Creates the missing tables and brings meta.sync_runs up to date: the run is recorded there before setup's
    /// own work starts.</summary>
    public static async Task<int> CreateTablesAsync(LakeCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var created = 0;
        foreach (var table in TableNames.All)
        {
            if (!await catalog.ExistsAsync(table, cancellationToken).ConfigureAwait(false))
            {
                created++;
            }

            await catalog.CreateIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        var runLog = await catalog.CompareSchemaAsync(TableNames.SyncRuns, cancellationToken).ConfigureAwait(false);
        ThrowOnProblems([runLog]);
        await catalog.AddMissingColumnsAsync(runLog, cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var diffs = new List<TableSchemaDiff>();
        foreach (var name in TableNames.All)
        {
            diffs.Add(await services.Catalog.CompareSchemaAsync(name, cancellationToken).ConfigureAwait(false));
            context.Counts.AddRead(1);
        }

        ThrowOnProblems(diffs);
        foreach (var diff in diffs)
        {
            var changed = false;
            if (diff.MissingColumns.Count > 0)
            {
                await services.Catalog.AddMissingColumnsAsync(diff, cancellationToken).ConfigureAwait(false);
                var columns = string.Join(", ", diff.MissingColumns.Select(c => $"{c.Name} {c.Type.SimpleString}"));
                LogColumnsAdded(diff.Table, columns);
                changed = true;
            }

            changed |= await services.Catalog.EnsureDeletionVectorsAsync(diff.Table, cancellationToken).ConfigureAwait(false);
            changed |= await services.Catalog.EnsureKeyIndexAsync(diff.Table, cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                context.Counts.AddUpdated(1);
            }
        }
    }

    private static void ThrowOnProblems(IEnumerable<TableSchemaDiff> diffs)
    {
        var failures = diffs.SelectMany(d => d.Problems.Select(p => new DataTestFailure(d.Table, "schema", p))).ToList();
        if (failures.Count > 0)
        {
            throw new DataTestFailedException(failures);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added column(s) to {Table} (nullable, at the end; earlier rows read null): {Columns}")]
    private partial void LogColumnsAdded(string table, string columns);
}
