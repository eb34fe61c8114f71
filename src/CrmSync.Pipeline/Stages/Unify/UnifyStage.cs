using System.Globalization;
using CrmSync.Core;
using CrmSync.Core.Contacts;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// unify: bronze -&gt; silver for the records ingested since the last unify. Updates both snapshots, links the
/// touched records into people (crosswalk), re-decides those people's surviving values (contacts_unified,
/// field_conflicts), then moves the two bronze cursors. A large run goes through partitions of people
/// (<see cref="PersonPartitions"/>, about lake.partition_rows bronze rows each), one after the other, so memory follows
/// the partition, not the run. Every write is a merge by key with a Delta txn (part = partition), and the cursors move
/// last, so a crash anywhere re-processes the same bronze rows, in the same partitions, to the same result.
/// </summary>
internal sealed class UnifyStage(StageServices services) : IStage
{
    private static readonly SourceSystem[] Systems = [SourceSystem.HubSpot, SourceSystem.Dynamics];

    public string Name => StageNames.Unify;

    public async Task<IReadOnlyDictionary<string, string>> PlanAsync(StageContext context, CancellationToken cancellationToken) =>
        (await MakePlanAsync(cancellationToken).ConfigureAwait(false)).ToParameters();

    public async Task ExecuteAsync(StageContext context, CancellationToken cancellationToken)
    {
        var plan = UnifyPlan.FromParameters(context.Parameters) ?? await MakePlanAsync(cancellationToken).ConfigureAwait(false);
        var updaters = Systems.ToDictionary(s => s, s => new SnapshotUpdater(services, s));
        var ranges = new Dictionary<SourceSystem, (long After, long Through)>();
        foreach (var (system, updater) in updaters)
        {
            var after = await updater.ReadCursorAsync(cancellationToken).ConfigureAwait(false);
            ranges[system] = (after, Math.Max(after, plan.Through(system)));
        }

        var partitions = await PersonPartitions.SplitAsync(services, plan.Partitions, ranges, cancellationToken).ConfigureAwait(false);
        var bronze = Systems.ToDictionary(s => s, s => new BronzeReadAhead(updaters[s], s, ranges[s].After, ranges[s].Through, partitions));
        for (var partition = 0; partition < partitions.Count; partition++)
        {
            await RunPartitionAsync(context, updaters, bronze, partition, cancellationToken).ConfigureAwait(false);
            services.Crash.At(CrashPoints.UnifyAfterPartition);
        }

        var now = services.Clock.GetUtcNow();
        await services.Watermarks.SetAsync(
            [.. Systems.Select(s => new Watermark(updaters[s].Stream, null, ranges[s].Through.ToString(CultureInfo.InvariantCulture), now, context.RunId))],
            context.Txn(TableNames.Watermarks), cancellationToken).ConfigureAwait(false);
    }

    private async Task RunPartitionAsync(StageContext context, Dictionary<SourceSystem, SnapshotUpdater> updaters,
        Dictionary<SourceSystem, BronzeReadAhead> bronze, int partition, CancellationToken cancellationToken)
    {
        var (hubspotVersions, dynamicsVersions) = await BothCrms.RunAsync(
            () => bronze[SourceSystem.HubSpot].TakeAsync(partition, cancellationToken),
            () => bronze[SourceSystem.Dynamics].TakeAsync(partition, cancellationToken)).ConfigureAwait(false);

        // The records' people and their emails' people first, so that each CRM's one snapshot lookup also reads the
        // people's other records.
        var crosswalk = new CrosswalkStep(services);
        HashSet<SourceKey> records = [.. hubspotVersions.Keys.Select(id => new SourceKey(SourceSystem.HubSpot, id)),
            .. dynamicsVersions.Keys.Select(id => new SourceKey(SourceSystem.Dynamics, id))];
        HashSet<string> emails = [.. MatchEmails(SourceSystem.HubSpot, hubspotVersions), .. MatchEmails(SourceSystem.Dynamics, dynamicsVersions)];
        var neighbourhood = await crosswalk.LoadPeopleAsync(records, emails, cancellationToken).ConfigureAwait(false);
        var (hubspot, dynamics) = await BothCrms.RunAsync(
            () => updaters[SourceSystem.HubSpot].RunAsync(context, hubspotVersions, neighbourhood.IdsOf(SourceSystem.HubSpot), partition, cancellationToken),
            () => updaters[SourceSystem.Dynamics].RunAsync(context, dynamicsVersions, neighbourhood.IdsOf(SourceSystem.Dynamics), partition, cancellationToken))
            .ConfigureAwait(false);
        context.Counts.AddRead(hubspot.VersionsRead + dynamics.VersionsRead);

        var people = await crosswalk.RunAsync(context, partition, hubspot.Touched.Values.Concat(dynamics.Touched.Values), neighbourhood, cancellationToken)
            .ConfigureAwait(false);
        var (hubspotById, dynamicsById) = await BothCrms.RunAsync(
            () => WithOthersAsync(hubspot, updaters[SourceSystem.HubSpot], people.Values.Select(p => p.HubSpotId), cancellationToken),
            () => WithOthersAsync(dynamics, updaters[SourceSystem.Dynamics], people.Values.Select(p => p.DynamicsId), cancellationToken))
            .ConfigureAwait(false);
        var changed = await new UnifiedContactStep(services).RunAsync(context, partition, people, hubspotById, dynamicsById, cancellationToken)
            .ConfigureAwait(false);
        context.Counts.AddUpdated(changed);
        context.Counts.AddSkipped(people.Count - changed);
    }

    /// <summary>The normalized match emails of the versions: those the changed records can link by.</summary>
    private IEnumerable<string> MatchEmails(SourceSystem system, Dictionary<string, List<(SourceContact Version, long Seq)>> versions)
    {
        var matchField = services.Settings.Mappings.MatchField;
        var column = matchField.SourceName(system);
        return versions.Values.SelectMany(list => list)
            .Select(v => services.Normalizer.Normalize(matchField, v.Version.Values.GetValueOrDefault(column)).Value)
            .OfType<string>();
    }

    /// <summary>Each CRM's bronze rows up to now, and how many partitions of about lake.partition_rows rows they make.</summary>
    private async Task<UnifyPlan> MakePlanAsync(CancellationToken cancellationToken)
    {
        long rows = 0;
        var through = new Dictionary<SourceSystem, long>();
        foreach (var system in Systems)
        {
            var updater = new SnapshotUpdater(services, system);
            var after = await updater.ReadCursorAsync(cancellationToken).ConfigureAwait(false);
            var pending = await updater.PendingAsync(after, cancellationToken).ConfigureAwait(false);
            rows += pending.Rows;
            through[system] = pending.Through;
        }

        var partitionRows = services.Settings.Sources.PartitionRows;
        var partitions = (int)Math.Clamp((rows + partitionRows - 1) / partitionRows, 1, StageContext.PartsPerSequence - 1);
        return new UnifyPlan(through[SourceSystem.HubSpot], through[SourceSystem.Dynamics], partitions);
    }

    /// <summary>The snapshots the update read plus those of the people's other records it did not read: the records
    /// newly linked by email to an existing person.</summary>
    private static async Task<IReadOnlyDictionary<string, ContactSnapshot>> WithOthersAsync(
        SnapshotBatch batch, SnapshotUpdater updater, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var missing = ids.OfType<string>().Where(id => !batch.Current.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        if (missing.Count == 0)
        {
            return batch.Current;
        }

        var all = new Dictionary<string, ContactSnapshot>(batch.Current, StringComparer.Ordinal);
        foreach (var (id, snapshot) in await updater.LoadAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            all[id] = snapshot;
        }

        return all;
    }
}
