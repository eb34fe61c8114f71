using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true'): one commit with the upgraded protocol and the
/// metadata carrying the property, as Spark writes it. A no-op (nothing committed) when already enabled.</summary>
internal static class EnableDeletionVectorsOperation
{
    public const string Operation = "SET TBLPROPERTIES";

    public static async Task<CommitResult> RunAsync(IObjectStore store, Snapshot snapshot, DeltaTableOptions tableOptions, CancellationToken ct)
    {
        if (TableFeatures.DeletionVectorsEnabled(snapshot.Protocol, snapshot.Metadata))
            return new CommitResult(snapshot.Version, true, Operation, new Dictionary<string, long>());

        var configuration = new Dictionary<string, string?>(snapshot.Configuration, StringComparer.Ordinal)
        {
            [TableFeatures.EnableDeletionVectorsProperty] = "true",
        };
        var tx = new Transaction(store, snapshot.TablePath, snapshot, tableOptions, Operation);
        tx.OperationParameters["properties"] = System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" });
        var protocol = TableFeatures.WithDeletionVectors(snapshot.Protocol);
        if (!ReferenceEquals(protocol, snapshot.Protocol))
            tx.Add(protocol);
        tx.Add(snapshot.Metadata with { Configuration = configuration });
        var version = await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CommitResult(version, false, Operation, tx.Metrics);
    }
}
