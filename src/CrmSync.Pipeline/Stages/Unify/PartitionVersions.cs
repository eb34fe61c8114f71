using CrmSync.Core;
using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>One unify partition's bronze versions from both CRMs, by source id in ingest order.</summary>
internal sealed record PartitionVersions(
    Dictionary<string, List<(SourceContact Version, long Seq)>> HubSpot,
    Dictionary<string, List<(SourceContact Version, long Seq)>> Dynamics)
{
    public static async Task<PartitionVersions> ReadAsync(
        IReadOnlyDictionary<SourceSystem, SnapshotUpdater> updaters, IReadOnlyDictionary<SourceSystem, BronzeSlice> slices, CancellationToken cancellationToken)
    {
        var (hubspot, dynamics) = await BothCrms.RunAsync(
            () => updaters[SourceSystem.HubSpot].ReadVersionsAsync(slices[SourceSystem.HubSpot], cancellationToken),
            () => updaters[SourceSystem.Dynamics].ReadVersionsAsync(slices[SourceSystem.Dynamics], cancellationToken)).ConfigureAwait(false);
        return new PartitionVersions(hubspot, dynamics);
    }
}
