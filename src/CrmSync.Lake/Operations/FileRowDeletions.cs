using CrmSync.Lake.DeletionVectors;
using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Operations;

/// <summary>
/// What a DELETE or MERGE on a table with deletion vectors enabled removes from existing data files, as row positions per
/// file, instead of rewriting the files. <see cref="WriteAsync"/> puts every new DV of the commit into one
/// <c>deletion_vector_&lt;uuid&gt;.bin</c> (put-if-absent, before the commit: a crash leaves only an unreferenced file that
/// vacuum deletes) and returns Spark's actions per file: remove of the old logical file (with its old DV) + add of the same
/// path with a DV of old ∪ new positions. A file whose rows would all be deleted is only removed.
/// </summary>
internal sealed class FileRowDeletions(IObjectStore store, string tablePath)
{
    private readonly List<(AddFile File, RowIndexSet Deleted, long PhysicalRows)> _files = [];

    /// <summary>Files that got a DV where they had none.</summary>
    public int DeletionVectorsAdded { get; private set; }

    /// <summary>Files whose DV was replaced by a larger one.</summary>
    public int DeletionVectorsUpdated { get; private set; }

    /// <summary>Files removed because every row is deleted.</summary>
    public int FilesRemoved { get; private set; }

    /// <summary>DVs dropped with a removed file.</summary>
    public int DeletionVectorsRemoved { get; private set; }

    public int Count => _files.Count;

    /// <summary>Deletes <paramref name="rowIndexes"/> (positions in the data file) from <paramref name="file"/>, whose current DV
    /// holds <paramref name="alreadyDeleted"/>; <paramref name="physicalRows"/> is the data file's row count.</summary>
    public void Add(AddFile file, RowIndexSet alreadyDeleted, IEnumerable<long> rowIndexes, long physicalRows)
    {
        var deleted = alreadyDeleted.Union(RowIndexSet.Of(rowIndexes));
        if (deleted.Count > 0 && deleted.Values[^1] >= physicalRows)
            throw new ArgumentOutOfRangeException(nameof(rowIndexes), $"Row index {deleted.Values[^1]} is beyond the {physicalRows} rows of '{file.Path}'.");
        _files.Add((file, deleted, physicalRows));
    }

    public async Task<IReadOnlyList<DeltaAction>> WriteAsync(long nowMs, CancellationToken ct)
    {
        var actions = new List<DeltaAction>();
        var dvFile = new DeletionVectorFile();
        var uuid = Guid.NewGuid();
        var updated = new List<(AddFile File, long PhysicalRows, int Offset, int Size, long Cardinality)>();
        foreach (var (file, deleted, physicalRows) in _files)
        {
            actions.Add(file.ToRemove(nowMs));
            if (deleted.Count == physicalRows)
            {
                FilesRemoved++;
                if (file.DeletionVector is not null)
                    DeletionVectorsRemoved++;
                continue;
            }

            var bitmap = RoaringBitmapArrayFormat.Serialize(deleted);
            updated.Add((file, physicalRows, dvFile.Append(bitmap), bitmap.Length, deleted.Count));
            if (file.DeletionVector is null)
                DeletionVectorsAdded++;
            else
                DeletionVectorsUpdated++;
        }

        if (updated.Count == 0)
            return actions;
        var key = LogPaths.Join(tablePath, DeletionVectorDescriptor.RelativePathFor("", uuid));
        if (!await store.PutIfAbsentAsync(key, dvFile.ToArray(), ct).ConfigureAwait(false))
            throw new IOException($"Deletion vector file '{key}' already exists (UUID collision).");
        foreach (var (file, physicalRows, offset, size, cardinality) in updated)
        {
            // Same data file, size and modification time as Spark writes it; only the DV and the stats' bounds flag change.
            actions.Add(new AddFile(file.Path, file.PartitionValues, file.Size, file.ModificationTime, true,
                FileStats.WithWideBounds(file.Stats, physicalRows), file.Tags, DeletionVectorDescriptor.OnDisk(uuid, offset, size, cardinality)));
        }

        return actions;
    }
}
