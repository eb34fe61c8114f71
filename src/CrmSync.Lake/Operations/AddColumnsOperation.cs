using System.Text.Json.Nodes;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>ALTER TABLE ADD COLUMNS: one commit with a new metaData action (same table id, partitioning and configuration)
/// whose schema has the columns appended at the end, as Spark writes it. No data file is touched: a file written before
/// the change has no such column, and readers read it as null, which is why every added column must be nullable.
/// A concurrent commit of another metaData action makes this one (or the other) fail as a conflict.</summary>
internal static class AddColumnsOperation
{
    public const string Operation = "ADD COLUMNS";

    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, IReadOnlyList<StructField> columns,
        DeltaTableOptions tableOptions, CancellationToken ct)
    {
        Validate(snapshot, columns);
        if (columns.Count == 0)
            return new CommitResult(snapshot.Version, true, Operation, new Dictionary<string, long>());

        var schema = new StructType(snapshot.Schema.Fields.Concat(columns));
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, Operation);
        tx.OperationParameters["columns"] = ColumnsParameter(columns);
        tx.Add(snapshot.Metadata with { SchemaString = SchemaJson.Serialize(schema) });
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, Operation, tx.Metrics);
    }

    private static void Validate(Snapshot snapshot, IReadOnlyList<StructField> columns)
    {
        var table = snapshot.TablePath;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (snapshot.Schema.TryIndexOf(column.Name) >= 0)
                throw new DeltaSchemaException($"Cannot add column '{column.Name}' to table '{table}': the table already has a column of that name (names are unique ignoring case).");
            if (!seen.Add(column.Name))
                throw new DeltaSchemaException($"Cannot add column '{column.Name}' to table '{table}' twice in one change.");
            if (!column.Nullable)
                throw new DeltaSchemaException($"Cannot add column '{column.Name}' to table '{table}' as NOT NULL: the rows already written have no value for it, so an added column must be nullable.");
        }

        // The protocol is not upgraded here: a column needing a table feature the table lacks is refused rather than
        // silently raising the reader version every existing reader must support.
        var needed = TableFeatures.ProtocolFor(new StructType(snapshot.Schema.Fields.Concat(columns)), new Dictionary<string, string?>());
        foreach (var feature in needed.WriterFeatures ?? [])
        {
            if (!(snapshot.Protocol.WriterFeatures ?? []).Contains(feature, StringComparer.Ordinal))
                throw new DeltaSchemaException($"Cannot add the column(s) {string.Join(", ", columns.Select(c => $"'{c.Name}'"))} to table '{table}': their types need the '{feature}' table feature, which the table's protocol does not list.");
        }
    }

    /// <summary>Spark's operationParameters.columns: a JSON array of <c>{"column": &lt;struct field&gt;}</c>.</summary>
    private static string ColumnsParameter(IReadOnlyList<StructField> columns)
    {
        var fields = (JsonObject)JsonNode.Parse(SchemaJson.Serialize(new StructType(columns)))!;
        var entries = new JsonArray([.. ((JsonArray)fields["fields"]!).Select(f => (JsonNode)new JsonObject { ["column"] = f!.DeepClone() })]);
        return entries.ToJsonString();
    }
}
