using System.Globalization;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Log;

/// <summary>The state of a table at one version, rebuilt by log replay: protocol, metadata, live files, tombstones, txn versions.</summary>
public sealed class Snapshot
{
    internal Snapshot(
        string tablePath,
        long version,
        ProtocolAction protocol,
        MetadataAction metadata,
        IReadOnlyList<AddFile> files,
        IReadOnlyList<RemoveFile> tombstones,
        IReadOnlyDictionary<string, long> transactions,
        long? checkpointVersion)
    {
        TablePath = tablePath;
        Version = version;
        Protocol = protocol;
        Metadata = metadata;
        Files = files;
        Tombstones = tombstones;
        Transactions = transactions;
        CheckpointVersion = checkpointVersion;
    }

    public string TablePath { get; }

    public long Version { get; }

    public ProtocolAction Protocol { get; }

    public MetadataAction Metadata { get; }

    public StructType Schema => Metadata.Schema;

    public IReadOnlyList<string> PartitionColumns => Metadata.PartitionColumns;

    public IReadOnlyDictionary<string, string?> Configuration => Metadata.Configuration;

    /// <summary>Live data files, ordered by path.</summary>
    public IReadOnlyList<AddFile> Files { get; }

    /// <summary>Remove actions still remembered (needed by vacuum and checkpoints).</summary>
    public IReadOnlyList<RemoveFile> Tombstones { get; }

    /// <summary>Latest committed application version per txn appId.</summary>
    public IReadOnlyDictionary<string, long> Transactions { get; }

    /// <summary>The checkpoint replay started from, or null when replayed from JSON commits only.</summary>
    public long? CheckpointVersion { get; }

    public long TotalSize => Files.Sum(f => f.Size);

    /// <summary><c>delta.checkpointInterval</c>, default 10.</summary>
    public int CheckpointInterval =>
        Configuration.TryGetValue("delta.checkpointInterval", out var v)
        && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;

    /// <summary>The latest committed version for an application id (idempotent writes), or null when it never committed.</summary>
    public long? GetTransactionVersion(string appId) => Transactions.TryGetValue(appId, out var v) ? v : null;
}
