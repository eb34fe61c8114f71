using System.Globalization;
using System.Text;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Sql;

/// <summary>
/// The DuckDB view over one table version: exactly the data files the Delta log says are live
/// (never a folder glob, so removed or uncommitted files are never read), every column of the
/// Delta schema cast to its type, partition values as columns, rows deleted by a deletion vector
/// left out (anti-joined on file and row number with <see cref="DeletedRowsTable"/>), and an empty
/// but typed result when the table has no files.
/// </summary>
public sealed class DeltaViewDefinition
{
    /// <summary>The (file_path, file_row_number) of every row a deletion vector deletes; the session fills it before
    /// creating views over tables with deletion vectors.</summary>
    public const string DeletedRowsTable = "crmsync_internal.deleted_rows";

    private const string PhysicalNameKey = "delta.columnMapping.physicalName";

    private DeltaViewDefinition(string sql, IReadOnlyList<string> dataFiles)
    {
        Sql = sql;
        DataFiles = dataFiles;
    }

    /// <summary>CREATE VIEW statement.</summary>
    public string Sql { get; }

    /// <summary>Absolute paths of the files the view reads (the only files DuckDB may open).</summary>
    public IReadOnlyList<string> DataFiles { get; }

    /// <param name="presentColumns">Physical column names found in the data files' Parquet footers;
    /// a schema column absent from every file (added after they were written) reads as NULL.</param>
    public static DeltaViewDefinition Create(LakeTableLocation table, Snapshot snapshot, IReadOnlySet<string> presentColumns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(presentColumns);
        var files = DataFilesOf(table, snapshot);
        var name = $"{SqlText.Identifier(table.Layer)}.{SqlText.Identifier(table.Name)}";
        var partitions = snapshot.PartitionColumns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var columns = snapshot.Schema.Fields.Select(field => Column(field, partitions.Contains(field.Name), files.Count > 0, presentColumns));
        var select = new StringBuilder($"CREATE VIEW {name} AS SELECT {string.Join(", ", columns)}");
        if (files.Count == 0)
        {
            select.Append(" WHERE false");
            return new DeltaViewDefinition(select.ToString(), files);
        }

        var fileList = "[" + string.Join(", ", files.Select(SqlText.Literal)) + "]";
        var hasDeletedRows = snapshot.Files.Any(file => file.DeletionVector is not null);
        var positions = hasDeletedRows ? ", filename = true, file_row_number = true" : "";
        var withoutDeletedRows = hasDeletedRows
            ? $" WHERE NOT EXISTS (SELECT 1 FROM {DeletedRowsTable} AS deleted WHERE deleted.file_path = data.filename AND deleted.file_row_number = data.file_row_number)"
            : "";
        if (partitions.Count == 0)
        {
            select.Append(CultureInfo.InvariantCulture, $" FROM read_parquet({fileList}, union_by_name = true{positions}) AS data{withoutDeletedRows}");
            return new DeltaViewDefinition(select.ToString(), files);
        }

        // Partition values live in the log, not in the files: join them in per file.
        var partitionColumns = snapshot.PartitionColumns;
        var rows = snapshot.Files.Select((file, i) =>
            "(" + string.Join(", ", [SqlText.Literal(files[i]), .. partitionColumns.Select(c => PartitionLiteral(file, c))]) + ")");
        select.Append(CultureInfo.InvariantCulture, $" FROM read_parquet({fileList}, union_by_name = true, filename = true{(hasDeletedRows ? ", file_row_number = true" : "")}) AS data");
        select.Append(CultureInfo.InvariantCulture, $" JOIN (VALUES {string.Join(", ", rows)}) AS partition_values(file_path, {string.Join(", ", partitionColumns.Select(SqlText.Identifier))})");
        select.Append(" ON data.filename = partition_values.file_path");
        select.Append(withoutDeletedRows);
        return new DeltaViewDefinition(select.ToString(), files);
    }

    /// <summary>Absolute paths of the live data files of <paramref name="snapshot"/>, in log order.</summary>
    public static IReadOnlyList<string> DataFilesOf(LakeTableLocation table, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Files.Select(file => Path.GetFullPath(Path.Combine(table.Path, file.DecodedPath))).ToList();
    }

    private static string Column(StructField field, bool isPartition, bool hasFiles, IReadOnlySet<string> presentColumns)
    {
        var type = DuckDbTypes.Of(field.Type);
        var alias = SqlText.Identifier(field.Name);
        if (isPartition)
        {
            return $"CAST(partition_values.{alias} AS {type}) AS {alias}";
        }

        var physical = PhysicalName(field);
        return hasFiles && presentColumns.Contains(physical)
            ? $"CAST(data.{SqlText.Identifier(physical)} AS {type}) AS {alias}"
            : $"CAST(NULL AS {type}) AS {alias}";
    }

    private static string PhysicalName(StructField field) =>
        field.Metadata.TryGetPropertyValue(PhysicalNameKey, out var physical) && physical is not null
            ? physical.GetValue<string>()
            : field.Name;

    private static string PartitionLiteral(AddFile file, string column) =>
        file.PartitionValues.TryGetValue(column, out var value) && value is not null ? SqlText.Literal(value) : "NULL";
}
