using CrmSync.Core;
using CrmSync.Core.Contacts;
using CrmSync.Core.Crosswalk;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Quality;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// Links the touched records to people with Core's <see cref="CrosswalkResolver"/> over the part of the crosswalk they
/// can reach (<see cref="CrosswalkNeighbourhood"/>: their links, links holding their emails, those people's links; an
/// index in memory), then merges the new and re-addressed links and the crosswalk conflicts by key. Returns every person
/// a touched record belongs to, with their linked record ids.
/// </summary>
internal sealed class CrosswalkStep(StageServices services)
{
    private const string ResolvedMarker = "__resolved";
    private static readonly string[] Key = ["source_system", "source_id"];

    /// <summary>The links of <paramref name="records"/> (a partition's records, touched or not), of the normalized
    /// <paramref name="emails"/> their versions carry, and of those people.</summary>
    public async Task<CrosswalkNeighbourhood> LoadPeopleAsync(IReadOnlySet<SourceKey> records, IReadOnlySet<string> emails, CancellationToken cancellationToken)
    {
        var crosswalk = await services.Catalog.OpenAsync(TableNames.Crosswalk, cancellationToken).ConfigureAwait(false);
        return await CrosswalkNeighbourhood.OfRecordsAsync(crosswalk, records, emails, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="neighbourhood">From <see cref="LoadPeopleAsync"/> for every touched record (and maybe more).</param>
    public async Task<IReadOnlyDictionary<string, PersonRecords>> RunAsync(
        StageContext context, int partition, IEnumerable<ContactSnapshot> touched, CrosswalkNeighbourhood neighbourhood, CancellationToken cancellationToken)
    {
        var catalog = services.Catalog;
        var crosswalk = await catalog.OpenAsync(TableNames.Crosswalk, cancellationToken).ConfigureAwait(false);
        var candidates = touched.Select(s => CrosswalkCandidate.From(s, services.Settings.Mappings)).ToList();
        await neighbourhood.AddEmailsAsync(candidates.Select(c => c.Email).OfType<string>().ToHashSet(StringComparer.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        var index = new CrosswalkIndex(neighbourhood.Links);
        var resolution = new CrosswalkResolver(services.Settings.Sources.Crosswalk.DuplicateRule).Resolve(index, candidates, context.StartedAt);

        var schema = catalog.Schemas[TableNames.Crosswalk];
        var rows = new List<Row>(resolution.NewLinks.Count + resolution.UpdatedLinks.Count);
        foreach (var link in resolution.NewLinks)
        {
            var method = resolution.StartedPeople.Contains(link.Key) ? CrosswalkMatchMethod.New : CrosswalkMatchMethod.Email;
            rows.Add(ToRow(schema, link, method, context.RunId));
        }

        foreach (var link in resolution.UpdatedLinks)
        {
            rows.Add(ToRow(schema, link, neighbourhood.MethodOf(link.Key) ?? CrosswalkMatchMethod.Email, context.RunId));
        }

        var people = PeopleOf(index, resolution, candidates.Select(c => c.Key));
        TestCrosswalk(rows, people);
        if (rows.Count > 0)
        {
            await crosswalk.MergeAsync(rows, Key, new MergeOptions { Txn = context.Txn(TableNames.Crosswalk, partition) }, cancellationToken).ConfigureAwait(false);
            context.Counts.AddCreated(resolution.NewLinks.Count);
        }

        await WriteConflictsAsync(context, partition, resolution, candidates, cancellationToken).ConfigureAwait(false);
        return people;
    }

    /// <summary>Every person a touched record is linked to after this batch, with their records.</summary>
    private static Dictionary<string, PersonRecords> PeopleOf(CrosswalkIndex index, CrosswalkResolution resolution, IEnumerable<SourceKey> touched)
    {
        var newLinks = resolution.NewLinks.ToDictionary(l => l.Key);
        var newByPerson = resolution.NewLinks.ToLookup(l => l.UnifiedContactId, StringComparer.Ordinal);
        var people = new Dictionary<string, PersonRecords>(StringComparer.Ordinal);
        foreach (var key in touched)
        {
            var link = index.FindBySource(key) ?? newLinks.GetValueOrDefault(key);
            if (link is null || people.ContainsKey(link.UnifiedContactId))
            {
                continue;
            }

            var members = index.FindByUnifiedId(link.UnifiedContactId).Concat(newByPerson[link.UnifiedContactId]);
            people[link.UnifiedContactId] = PersonRecords.Of(link.UnifiedContactId, members);
        }

        return people;
    }

    private static void TestCrosswalk(List<Row> rows, Dictionary<string, PersonRecords> people)
    {
        new DataTests(TableNames.Crosswalk, rows)
            .Unique("source_system", "source_id")
            .NotNull("unified_contact_id", "source_system", "source_id", "match_method", "linked_at")
            .AcceptedValues("source_system", [SourceSystemNames.HubSpot, SourceSystemNames.Dynamics])
            .AcceptedValues("match_method", CrosswalkMatchMethod.All)
            .Check(people.Values.All(p => p.IsValid), "at_most_one_record_per_system",
                () => string.Join("; ", people.Values.Where(p => !p.IsValid).Take(5).Select(p => p.UnifiedContactId)))
            .ThrowIfFailed();
    }

    private async Task WriteConflictsAsync(StageContext context, int partition, CrosswalkResolution resolution, List<CrosswalkCandidate> candidates, CancellationToken cancellationToken)
    {
        // Only the candidates' standing conflicts can be resolved here: a key lookup, not the whole table per partition.
        var table = await services.Catalog.OpenAsync(TableNames.CrosswalkConflicts, cancellationToken).ConfigureAwait(false);
        var standing = new HashSet<SourceKey>();
        var candidateIds = candidates.Select(c => c.Key.Id).ToHashSet(StringComparer.Ordinal);
        await foreach (var row in KeyLookup.ScanAsync(table, "source_id", candidateIds, ["source_system", "source_id"], cancellationToken: cancellationToken)
            .ConfigureAwait(false))
        {
            standing.Add(new SourceKey(SystemOf((string)row[0]!), (string)row[1]!));
        }

        var schema = services.Catalog.Schemas[TableNames.CrosswalkConflicts];
        var rows = resolution.Conflicts.Select(c => new RowDraft(schema)
        {
            ["source_system"] = SourceSystemNames.Of(c.Record.System),
            ["source_id"] = c.Record.Id,
            ["match_email"] = c.Email,
            ["reason"] = ReasonName(c.Reason),
            ["message"] = c.Message,
            ["related_unified_contact_ids"] = c.RelatedUnifiedContactIds.Cast<object?>().ToList(),
            ["detected_at"] = context.StartedAt,
            ["run_id"] = context.RunId,
        }.ToRow()).ToList();
        var stillConflicting = resolution.Conflicts.Select(c => c.Record).ToHashSet();
        foreach (var resolved in candidates.Select(c => c.Key).Where(k => standing.Contains(k) && !stillConflicting.Contains(k)).Distinct())
        {
            rows.Add(new RowDraft(schema)
            {
                ["source_system"] = SourceSystemNames.Of(resolved.System),
                ["source_id"] = resolved.Id,
                ["reason"] = ResolvedMarker,
                ["detected_at"] = context.StartedAt,
                ["run_id"] = context.RunId,
            }.ToRow());
        }

        new DataTests(TableNames.CrosswalkConflicts, rows)
            .Unique("source_system", "source_id")
            .NotNull("source_system", "source_id", "reason")
            .ThrowIfFailed();
        if (rows.Count > 0)
        {
            await table.MergeAsync(rows, Key, new MergeOptions
            {
                DeleteMatchedWhen = Expr.Eq("reason", ResolvedMarker),
                Txn = context.Txn(TableNames.CrosswalkConflicts, partition),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Row ToRow(Lake.Protocol.StructType schema, CrosswalkLink link, string method, string runId) => new RowDraft(schema)
    {
        ["unified_contact_id"] = link.UnifiedContactId,
        ["source_system"] = SourceSystemNames.Of(link.System),
        ["source_id"] = link.SourceId,
        ["match_method"] = method,
        ["match_email"] = link.Email,
        ["linked_at"] = link.LinkedAt,
        ["run_id"] = runId,
    }.ToRow();

    public static SourceSystem SystemOf(string name) => name == SourceSystemNames.HubSpot ? SourceSystem.HubSpot : SourceSystem.Dynamics;

    private static string ReasonName(CrosswalkConflictReason reason) => reason switch
    {
        CrosswalkConflictReason.DuplicateEmail => "duplicate_email",
        CrosswalkConflictReason.ContactAlreadyLinked => "contact_already_linked",
        _ => "ambiguous_email",
    };
}
