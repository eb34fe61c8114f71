using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Log;

/// <summary>Folds actions (checkpoint first, then commits in order) into a <see cref="Snapshot"/>: for each logical file
/// (path, deletion vector id) the last add/remove wins, so a remove of a file with its old DV and an add of the same path with
/// a new DV, in either order within a commit, leave the new one live.</summary>
internal sealed class LogReplay(string tablePath)
{
    private readonly Dictionary<LogicalFileKey, AddFile> _files = [];
    private readonly Dictionary<LogicalFileKey, RemoveFile> _tombstones = [];
    private readonly Dictionary<string, long> _transactions = new(StringComparer.Ordinal);
    private ProtocolAction? _protocol;
    private MetadataAction? _metadata;

    /// <summary>Continues replay on top of an existing snapshot (incremental refresh).</summary>
    public static LogReplay From(Snapshot snapshot)
    {
        var replay = new LogReplay(snapshot.TablePath) { _protocol = snapshot.Protocol, _metadata = snapshot.Metadata };
        foreach (var file in snapshot.Files)
            replay._files[file.Key] = file;
        foreach (var tombstone in snapshot.Tombstones)
            replay._tombstones[tombstone.Key] = tombstone;
        foreach (var (appId, version) in snapshot.Transactions)
            replay._transactions[appId] = version;
        return replay;
    }

    public void Apply(DeltaAction action)
    {
        switch (action)
        {
            case AddFile add:
                var key = add.Key;
                _files[key] = add;
                _tombstones.Remove(key);
                break;
            case RemoveFile remove:
                var removed = remove.Key;
                _files.Remove(removed);
                _tombstones[removed] = remove;
                break;
            case MetadataAction metadata:
                _metadata = metadata;
                break;
            case ProtocolAction protocol:
                _protocol = protocol;
                break;
            case TransactionAction txn:
                _transactions[txn.AppId] = txn.Version;
                break;
        }
    }

    public Snapshot Build(long version, long? checkpointVersion)
    {
        if (_protocol is null)
            throw new DeltaLogCorruptException(LogPaths.LogPrefix(tablePath), $"no protocol action up to version {version}");
        if (_metadata is null)
            throw new DeltaLogCorruptException(LogPaths.LogPrefix(tablePath), $"no metaData action up to version {version}");
        TableFeatures.EnsureReadable(_protocol, _metadata, tablePath);
        var files = _files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        return new Snapshot(tablePath, version, _protocol, _metadata, files, [.. _tombstones.Values],
            new Dictionary<string, long>(_transactions, StringComparer.Ordinal), checkpointVersion);
    }
}
