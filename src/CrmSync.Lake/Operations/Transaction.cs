using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// One atomic commit with optimistic concurrency: the actions go into commit N+1 via put-if-absent. When another writer
/// won N+1, its actions are checked against what this transaction read and changed; without a conflict it retries at the
/// next version (blind appends never conflict), otherwise it fails with <see cref="DeltaConcurrencyException"/>.
/// </summary>
internal sealed class Transaction(IObjectStore store, string tablePath, Snapshot? readSnapshot, DeltaTableOptions options, string operation)
{
    public const string EngineInfo = "CrmSync.Lake/1.0";

    private readonly List<DeltaAction> _actions = [];
    private readonly HashSet<string> _readFiles = new(StringComparer.Ordinal);

    public Dictionary<string, string> OperationParameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Metrics { get; } = new(StringComparer.Ordinal);

    public TransactionId? Txn { get; set; }

    public IReadOnlyDictionary<string, string>? CommitMetadata { get; set; }

    /// <summary>For non-blind writes: files added concurrently that this predicate says might hold rows the transaction
    /// read (e.g. merge keys) are a conflict.</summary>
    public Func<AddFile, bool>? ReadPredicate { get; set; }

    public bool IsBlindAppend { get; set; }

    public void Add(DeltaAction action) => _actions.Add(action);

    public void AddRange(IEnumerable<DeltaAction> actions) => _actions.AddRange(actions);

    /// <summary>Records that the transaction's result depends on this file (so a concurrent removal is a conflict).</summary>
    public void MarkRead(AddFile file) => _readFiles.Add(file.DecodedPath);

    public long NowMs => options.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Writes the commit; returns its version.</summary>
    public async Task<long> CommitAsync(CancellationToken ct)
    {
        var version = (readSnapshot?.Version ?? -1) + 1;
        var removed = _actions.OfType<RemoveFile>().Select(r => r.DecodedPath).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 0; attempt <= options.MaxCommitRetries; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            if (options.BeforeCommit is { } hook)
                await hook(version, ct).ConfigureAwait(false);
            var content = Serialize();
            if (await store.PutIfAbsentAsync(LogPaths.CommitKey(tablePath, version), content, ct).ConfigureAwait(false))
                return version;
            if (readSnapshot is null)
                throw new DeltaTableAlreadyExistsException(tablePath);
            await CheckConflictsAsync(version, removed, ct).ConfigureAwait(false);
            version++;
        }

        throw new DeltaConcurrencyException(tablePath, ConflictKind.RetriesExhausted, version - 1,
            $"gave up after {options.MaxCommitRetries} retries: other writers kept winning the next version.");
    }

    private async Task CheckConflictsAsync(long winningVersion, HashSet<string> removed, CancellationToken ct)
    {
        var winner = await CommitFileReader.ReadAsync(store, LogPaths.CommitKey(tablePath, winningVersion), ct).ConfigureAwait(false);
        foreach (var action in winner)
        {
            switch (action)
            {
                case MetadataAction:
                    throw Conflict(ConflictKind.MetadataChanged, winningVersion, "the table metadata (schema, partitioning or configuration) changed.");
                case ProtocolAction:
                    throw Conflict(ConflictKind.ProtocolChanged, winningVersion, "the table protocol changed.");
                case TransactionAction t when Txn is not null && t.AppId == Txn.AppId:
                    throw Conflict(ConflictKind.TransactionConflict, winningVersion,
                        $"application '{t.AppId}' committed txn version {t.Version} concurrently (this write has {Txn.Version}).");
                case RemoveFile r when _readFiles.Contains(r.DecodedPath) || removed.Contains(r.DecodedPath):
                    throw Conflict(ConflictKind.FileRemovedConcurrently, winningVersion,
                        $"file '{r.Path}' that this {operation} read or removes was removed concurrently.");
                case AddFile a when ReadPredicate is not null && ReadPredicate(a):
                    throw Conflict(ConflictKind.ConcurrentAppendMatchesRead, winningVersion,
                        $"file '{a.Path}' added concurrently may hold rows this {operation} depends on.");
            }
        }
    }

    private DeltaConcurrencyException Conflict(ConflictKind kind, long version, string detail) =>
        new(tablePath, kind, version, $"{operation} based on version {readSnapshot?.Version}: {detail}");

    private byte[] Serialize()
    {
        var info = new JsonObject
        {
            ["timestamp"] = NowMs,
            ["operation"] = operation,
            ["operationParameters"] = new JsonObject(OperationParameters.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["readVersion"] = readSnapshot?.Version,
            ["isolationLevel"] = "Serializable",
            ["isBlindAppend"] = IsBlindAppend,
            ["operationMetrics"] = new JsonObject(Metrics.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)CommitInfo.Metric(kv.Value)))),
            ["engineInfo"] = EngineInfo,
            ["txnId"] = Guid.NewGuid().ToString("D"),
        };
        if (readSnapshot is null)
            info.Remove("readVersion");
        if (CommitMetadata is { Count: > 0 })
            info["userMetadata"] = JsonSerializer.Serialize(CommitMetadata);

        var sb = new StringBuilder();
        sb.Append(ActionJson.Serialize(new CommitInfo(info))).Append('\n');
        if (Txn is not null)
            sb.Append(ActionJson.Serialize(new TransactionAction(Txn.AppId, Txn.Version, NowMs))).Append('\n');
        foreach (var action in _actions.OrderBy(a => a is ProtocolAction ? 0 : a is MetadataAction ? 1 : 2))
            sb.Append(ActionJson.Serialize(action)).Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
