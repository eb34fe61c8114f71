using CrmSync.Core;
using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// One CRM's bronze versions for a unify execution's partitions, read <see cref="PartitionsPerRead"/> partitions at a time.
/// A partition's records are spread over every bronze file (partitions go by email, bronze by ingest order), so reading
/// each partition alone decoded all of the run's bronze rows once per partition: 40 times in a first load of a million
/// contacts per side. Holds the versions of at most <see cref="PartitionsPerRead"/> partitions, and lets go of each
/// partition's when it is taken.
/// </summary>
internal sealed class BronzeReadAhead(SnapshotUpdater updater, SourceSystem system, long after, long through, PersonPartitions partitions)
{
    /// <summary>About a fifth of a 40-partition run per read: the kept rows then fill most pages, so a read decodes what it
    /// keeps, and the versions held stay a few hundred MB at the default lake.partition_rows.</summary>
    public const int PartitionsPerRead = 8;

    private Dictionary<string, List<(SourceContact Version, long Seq)>>?[] _held = [];
    private int _heldFrom = -1;

    /// <summary>The versions of <paramref name="partition"/>'s records by source id (<see cref="SnapshotUpdater.ReadVersionsAsync"/>),
    /// reading its group of partitions when they are not held.</summary>
    public async Task<Dictionary<string, List<(SourceContact Version, long Seq)>>> TakeAsync(int partition, CancellationToken cancellationToken)
    {
        if (partitions.Count == 1)
        {
            return await updater.ReadVersionsAsync(new BronzeSlice(after, through, null), cancellationToken).ConfigureAwait(false);
        }

        var at = partition - _heldFrom;
        if (_heldFrom < 0 || at < 0 || at >= _held.Length || _held[at] is null)
        {
            await ReadGroupAsync(partition, cancellationToken).ConfigureAwait(false);
            at = 0;
        }

        var versions = _held[at]!;
        _held[at] = null;
        return versions;
    }

    private async Task ReadGroupAsync(int first, CancellationToken cancellationToken)
    {
        var count = Math.Min(PartitionsPerRead, partitions.Count - first);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var partition = first; partition < first + count; partition++)
        {
            ids.UnionWith(partitions.IdsOf(system, partition)!);
        }

        _held = [];
        var read = await updater.ReadVersionsAsync(new BronzeSlice(after, through, ids), cancellationToken).ConfigureAwait(false);
        var held = new Dictionary<string, List<(SourceContact, long)>>?[count];
        for (var i = 0; i < count; i++)
        {
            var own = partitions.IdsOf(system, first + i)!;
            var versions = new Dictionary<string, List<(SourceContact, long)>>(own.Count, StringComparer.Ordinal);
            foreach (var id in own)
            {
                if (read.Remove(id, out var list))
                {
                    versions[id] = list;
                }
            }

            held[i] = versions;
        }

        (_held, _heldFrom) = (held, first);
    }
}
