using CrmSync.Core.Configuration;
using CrmSync.Lake;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Locking;

namespace CrmSync.Pipeline.Operations;

/// <summary>
/// An existing lake opened for the operator verbs (status, report, dead-letter): the configuration without CRM
/// credentials (none are needed to read or fix tables) and the table catalog. The lake root follows the
/// pipeline's order: --lake, then CRMSYNC_LAKE, then lake.root.
/// </summary>
public sealed record OperatorLake(string Root, SyncConfiguration Configuration, LakeCatalog Catalog)
{
    /// <exception cref="LakeNotFoundException">No lake at the root (no meta.sync_runs table).</exception>
    public static async Task<OperatorLake> OpenAsync(string configDirectory, string? lakeRootOverride, IReadOnlyDictionary<string, string> environment,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var sourcesPath = Path.Combine(configDirectory, PipelineSettingsLoader.SourcesFile);
        var mappingsPath = Path.Combine(configDirectory, PipelineSettingsLoader.MappingsFile);
        var missing = new[] { sourcesPath, mappingsPath }.Where(p => !File.Exists(p))
            .Select(p => new ConfigurationError(p, 0, 0, "(file)", $"not found: point --config or {EnvironmentVariables.ConfigDirectory} at the folder holding {Path.GetFileName(p)}"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new ConfigurationException(missing);
        }

        var configuration = SyncConfiguration.Load(
            await File.ReadAllTextAsync(sourcesPath, cancellationToken).ConfigureAwait(false), sourcesPath,
            await File.ReadAllTextAsync(mappingsPath, cancellationToken).ConfigureAwait(false), mappingsPath,
            environment);
        var root = Path.GetFullPath(lakeRootOverride ?? configuration.Sources.LakeRoot);
        if (!Directory.Exists(root)
            || !await DeltaTable.ExistsAsync(new LocalFileSystemStore(root), TableNames.RelativePath(TableNames.SyncRuns), cancellationToken).ConfigureAwait(false))
        {
            throw new LakeNotFoundException(root);
        }

        return new OperatorLake(root, configuration, LakeCatalog.ForDirectory(root, new TableSchemas(configuration.Mappings), clock,
            configuration.Sources.DeletionVectors, LakeTableOptions.Codec(configuration.Sources.Compression)));
    }

    /// <summary>Takes the lake's run lock for an operator verb that writes tables the stages write (dead-letter retry and
    /// discard change outbox rows a push may be sending), so it never interleaves with a stage. Dispose to release.</summary>
    /// <exception cref="RunLockedException">A stage holds the lock (after <see cref="RunLockOptions.Wait"/>).</exception>
    public Task<HeldRunLock> LockAsync(string verb, RunLockOptions options, TimeProvider clock, CancellationToken cancellationToken) =>
        new RunLock(Catalog.Store, clock, options).AcquireAsync(RunLockOwner.Current(null, verb), cancellationToken);
}
