using System.Data.Common;
using CrmSync.Cli.Lake;
using CrmSync.Lake;
using DuckDB.NET.Data;

namespace CrmSync.Cli.Sql;

/// <summary>
/// Read-only SQL over the lake on an in-memory DuckDB: one schema per layer, one view per Delta
/// table over exactly the data files of the version read. After the views exist the connection
/// is locked: external access off, only those files readable, configuration frozen, and every
/// statement checked to be a query before it runs. Reused by `crmsync sql`, `crmsync status` and
/// the pipeline's tests.
/// </summary>
public sealed class LakeSqlSession : IDisposable
{
    private readonly DuckDBConnection _connection;

    private LakeSqlSession(DuckDBConnection connection, IReadOnlyList<LakeSqlTable> tables, IReadOnlyList<string> unavailable)
    {
        _connection = connection;
        Tables = tables;
        Unavailable = unavailable;
    }

    /// <summary>The tables queryable in this session.</summary>
    public IReadOnlyList<LakeSqlTable> Tables { get; }

    /// <summary>Tables left out because they did not exist at the requested --as-of point, with the reason.</summary>
    public IReadOnlyList<string> Unavailable { get; }

    public static async Task<LakeSqlSession> OpenAsync(string lakeRoot, TimeTravel? asOf, CancellationToken cancellationToken)
    {
        var snapshots = new List<(LakeTableLocation Location, DeltaTable Table)>();
        var unavailable = new List<string>();
        foreach (var location in LakeTableLocation.Discover(lakeRoot))
        {
            try
            {
                snapshots.Add((location, await LakeTableOpener.OpenAsync(location.Path, asOf, null, cancellationToken).ConfigureAwait(false)));
            }
            catch (DeltaVersionNotFoundException) when (asOf is not null)
            {
                unavailable.Add($"{location.QualifiedName} has no version as of {asOf}");
            }
        }

        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Execute(connection, "SET TimeZone = 'UTC'");
            var tables = new List<LakeSqlTable>();
            var allowedFiles = new List<string>();
            foreach (var layer in snapshots.Select(s => s.Location.Layer).Distinct(StringComparer.Ordinal))
            {
                Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {SqlText.Identifier(layer)}");
            }

            await LoadDeletedRowsAsync(connection, snapshots, cancellationToken).ConfigureAwait(false);

            foreach (var (location, table) in snapshots)
            {
                var files = DeltaViewDefinition.DataFilesOf(location, table.Snapshot);
                var view = DeltaViewDefinition.Create(location, table.Snapshot, PhysicalColumns(connection, files));
                Execute(connection, view.Sql);
                allowedFiles.AddRange(view.DataFiles);
                tables.Add(new LakeSqlTable(location.QualifiedName, table.Version, view.DataFiles.Count));
            }

            LockDown(connection, allowedFiles);
            return new LakeSqlSession(connection, tables, unavailable);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs read-only SQL (one or more statements); the reader has one result per statement.</summary>
    public DbDataReader Query(string sql)
    {
        SqlStatementGuard.EnsureReadOnly(_connection, sql);
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Fills <see cref="DeltaViewDefinition.DeletedRowsTable"/> with the rows the deletion vectors of the live files
    /// delete (DuckDB reads the data files itself and must not return them).</summary>
    private static async Task LoadDeletedRowsAsync(DuckDBConnection connection, List<(LakeTableLocation Location, DeltaTable Table)> snapshots,
        CancellationToken cancellationToken)
    {
        if (!snapshots.Any(s => s.Table.Snapshot.Files.Any(f => f.DeletionVector is not null)))
        {
            return;
        }

        var schema = DeltaViewDefinition.DeletedRowsTable.Split('.');
        Execute(connection, $"CREATE SCHEMA {schema[0]}");
        Execute(connection, $"CREATE TABLE {DeltaViewDefinition.DeletedRowsTable} (file_path VARCHAR, file_row_number BIGINT)");
        using var appender = connection.CreateAppender(schema[0], schema[1]);
        foreach (var (location, table) in snapshots)
        {
            var files = DeltaViewDefinition.DataFilesOf(location, table.Snapshot);
            for (var i = 0; i < files.Count; i++)
            {
                if (table.Snapshot.Files[i].DeletionVector is null)
                {
                    continue;
                }

                foreach (var row in await table.ReadDeletedRowIndexesAsync(table.Snapshot.Files[i], cancellationToken).ConfigureAwait(false))
                {
                    appender.CreateRow().AppendValue(files[i]).AppendValue(row).EndRow();
                }
            }
        }
    }

    private static HashSet<string> PhysicalColumns(DuckDBConnection connection, IReadOnlyList<string> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (files.Count == 0)
        {
            return names;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT name FROM parquet_schema([{string.Join(", ", files.Select(SqlText.Literal))}])";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void LockDown(DuckDBConnection connection, List<string> allowedFiles)
    {
        Execute(connection, "SET autoinstall_known_extensions = false");
        Execute(connection, "SET autoload_known_extensions = false");
        if (allowedFiles.Count > 0)
        {
            Execute(connection, $"SET allowed_paths = [{string.Join(", ", allowedFiles.Select(SqlText.Literal))}]");
        }

        Execute(connection, "SET enable_external_access = false");
        Execute(connection, "SET lock_configuration = true");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
