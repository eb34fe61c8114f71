using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Log;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>SET TBLPROPERTIES ('crmsync.index.bloomFilterColumns' = '...'), or UNSET for no columns: one metadata commit,
/// nothing when the columns are already those. Files written from then on get key filters; older files have none until
/// <see cref="BuildKeyIndexOperation"/> builds them.</summary>
internal static class SetKeyIndexColumnsOperation
{
    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, IReadOnlyList<string> columns,
        DeltaTableOptions tableOptions, CancellationToken ct)
    {
        var resolved = KeyIndexColumns.Validate(columns, snapshot.Schema, snapshot.PartitionColumns);
        var operation = resolved.Count == 0 ? "UNSET TBLPROPERTIES" : "SET TBLPROPERTIES";
        if (KeyIndexColumns.Of(snapshot).SequenceEqual(resolved, StringComparer.Ordinal)
            && (resolved.Count > 0 || !snapshot.Configuration.ContainsKey(KeyIndexColumns.Property)))
            return new CommitResult(snapshot.Version, true, operation, new Dictionary<string, long>());

        var configuration = new Dictionary<string, string?>(snapshot.Configuration, StringComparer.Ordinal);
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, operation);
        if (resolved.Count == 0)
        {
            configuration.Remove(KeyIndexColumns.Property);
            tx.OperationParameters["properties"] = System.Text.Json.JsonSerializer.Serialize(new[] { KeyIndexColumns.Property });
        }
        else
        {
            configuration[KeyIndexColumns.Property] = KeyIndexColumns.Format(resolved);
            tx.OperationParameters["properties"] = System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, string> { [KeyIndexColumns.Property] = KeyIndexColumns.Format(resolved) });
        }

        tx.Add(snapshot.Metadata with { Configuration = configuration });
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, operation, tx.Metrics);
    }
}
