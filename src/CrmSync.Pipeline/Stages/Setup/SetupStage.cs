using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Setup;

/// <summary>setup: creates every table that does not exist yet (idempotent; existing tables and their data are untouched),
/// turns deletion vectors on for merged tables that lack them (lake.deletion_vectors), gives tables the key index of
/// <see cref="KeyIndexes"/> (filters for their existing files too), and checks that existing tables
/// have every column the configuration needs.</summary>
internal sealed class SetupStage(StageServices services) : IStage
{
    public string Name => StageNames.Setup;

    public static async Task<int> CreateTablesAsync(LakeCatalog catalog, CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var table in TableNames.All)
        {
            if (!await catalog.ExistsAsync(table, cancellationToken).ConfigureAwait(false))
            {
                created++;
            }

            await catalog.CreateIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var failures = new List<DataTestFailure>();
        foreach (var name in TableNames.All)
        {
            var table = await services.Catalog.OpenAsync(name, cancellationToken).ConfigureAwait(false);
            var expected = services.Catalog.Schemas[name];
            var upgraded = await services.Catalog.EnsureDeletionVectorsAsync(name, cancellationToken).ConfigureAwait(false);
            upgraded |= await services.Catalog.EnsureKeyIndexAsync(name, cancellationToken).ConfigureAwait(false);
            if (upgraded)
            {
                context.Counts.AddUpdated(1);
            }

            var missing = expected.Fields.Where(f => table.Schema.TryIndexOf(f.Name) < 0).Select(f => f.Name).ToList();
            if (missing.Count > 0)
            {
                failures.Add(new DataTestFailure(name, "schema",
                    $"missing column(s) {string.Join(", ", missing)}: the field mappings changed since the table was created; add the columns or recreate the table"));
            }

            context.Counts.AddRead(1);
        }

        if (failures.Count > 0)
        {
            throw new DataTestFailedException(failures);
        }
    }
}
