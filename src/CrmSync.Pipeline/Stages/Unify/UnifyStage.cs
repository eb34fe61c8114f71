using System.Globalization;
using CrmSync.Core;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// unify: bronze -&gt; silver for the records ingested since the last unify. Updates both snapshots, links the
/// touched records into people (crosswalk), re-decides those people's surviving values (contacts_unified,
/// field_conflicts), then moves the two bronze cursors. Every write is a merge by key with a Delta txn, and the
/// cursors move last, so a crash anywhere re-processes the same bronze rows to the same result.
/// </summary>
internal sealed class UnifyStage(StageServices services) : IStage
{
    public string Name => StageNames.Unify;

    public Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var hubspotSnapshots = new SnapshotUpdater(services, SourceSystem.HubSpot);
        var dynamicsSnapshots = new SnapshotUpdater(services, SourceSystem.Dynamics);
        var hubspot = await hubspotSnapshots.RunAsync(context, cancellationToken).ConfigureAwait(false);
        var dynamics = await dynamicsSnapshots.RunAsync(context, cancellationToken).ConfigureAwait(false);
        context.Counts.AddRead(hubspot.VersionsRead + dynamics.VersionsRead);

        var people = await new CrosswalkStep(services).RunAsync(context, hubspot.Touched.Values.Concat(dynamics.Touched.Values), cancellationToken)
            .ConfigureAwait(false);
        var hubspotById = await WithOthersAsync(hubspot, hubspotSnapshots, people.Values.Select(p => p.HubSpotId), cancellationToken).ConfigureAwait(false);
        var dynamicsById = await WithOthersAsync(dynamics, dynamicsSnapshots, people.Values.Select(p => p.DynamicsId), cancellationToken).ConfigureAwait(false);
        var changed = await new UnifiedContactStep(services).RunAsync(context, people, hubspotById, dynamicsById, cancellationToken).ConfigureAwait(false);
        context.Counts.AddUpdated(changed);
        context.Counts.AddSkipped(people.Count - changed);

        var now = services.Clock.GetUtcNow();
        await services.Watermarks.SetAsync(
            [
                new Watermark(hubspotSnapshots.Stream, null, hubspot.NextCursor.ToString(CultureInfo.InvariantCulture), now, context.RunId),
                new Watermark(dynamicsSnapshots.Stream, null, dynamics.NextCursor.ToString(CultureInfo.InvariantCulture), now, context.RunId),
            ],
            context.Txn(TableNames.Watermarks), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The touched snapshots plus those of the people's other records that did not change this time.</summary>
    private static async Task<IReadOnlyDictionary<string, Core.Contacts.ContactSnapshot>> WithOthersAsync(
        SnapshotBatch batch, SnapshotUpdater updater, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var missing = ids.OfType<string>().Where(id => !batch.Touched.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return batch.Touched;
        }

        var all = new Dictionary<string, Core.Contacts.ContactSnapshot>(batch.Touched, StringComparer.Ordinal);
        foreach (var (id, snapshot) in await updater.LoadAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            all[id] = snapshot;
        }

        return all;
    }
}
