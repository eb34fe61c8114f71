using CrmSync.Core;
using CrmSync.Core.Contacts;
using CrmSync.Core.Crosswalk;
using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>
/// The part of silver.id_crosswalk_contacts the resolver can ask about for a partition, grown by key lookups instead of
/// reading the whole table: the links of given records or holding given emails, and every link of the people those
/// belong to. Unify loads it first for the partition's records and the emails their versions carry, so each CRM's
/// snapshot lookup reads those people's other records along with the changed ones and one lookup of the people's
/// links serves both; a changed record's email not among those is added after.
/// </summary>
internal sealed class CrosswalkNeighbourhood
{
    private static readonly string[] LinkColumns = ["unified_contact_id", "source_system", "source_id", "match_email", "linked_at", "match_method"];

    private readonly DeltaTable _crosswalk;
    private readonly Dictionary<SourceKey, (CrosswalkLink Link, string Method)> _found = [];

    // People whose every link has been loaded.
    private readonly HashSet<string> _complete = new(StringComparer.Ordinal);

    // Emails whose links have been loaded.
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);

    private CrosswalkNeighbourhood(DeltaTable crosswalk) => _crosswalk = crosswalk;

    public IEnumerable<CrosswalkLink> Links => _found.Values.Select(f => f.Link);

    /// <summary>The links of <paramref name="records"/> and those holding <paramref name="emails"/>, and all the links of
    /// their people.</summary>
    public static async Task<CrosswalkNeighbourhood> OfRecordsAsync(DeltaTable crosswalk, IReadOnlySet<SourceKey> records, IReadOnlySet<string> emails,
        CancellationToken cancellationToken)
    {
        var neighbourhood = new CrosswalkNeighbourhood(crosswalk);
        var ids = records.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
        await neighbourhood.AddAsync("source_id", ids, link => records.Contains(link.Key), cancellationToken).ConfigureAwait(false);
        await neighbourhood.AddEmailsAsync(emails, cancellationToken).ConfigureAwait(false);
        return neighbourhood;
    }

    /// <summary>Adds the links holding those of <paramref name="emails"/> not loaded yet and all the links of their people.</summary>
    public async Task AddEmailsAsync(IReadOnlySet<string> emails, CancellationToken cancellationToken)
    {
        var missing = emails.Where(e => !_emails.Contains(e)).ToHashSet(StringComparer.Ordinal);
        await AddAsync("match_email", missing, _ => true, cancellationToken).ConfigureAwait(false);
        _emails.UnionWith(missing);
        await CompletePeopleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The loaded records of <paramref name="system"/>.</summary>
    public IEnumerable<string> IdsOf(SourceSystem system) => _found.Keys.Where(k => k.System == system).Select(k => k.Id);

    /// <summary>How the loaded link of <paramref name="record"/> was made (null when none is loaded).</summary>
    public string? MethodOf(SourceKey record) => _found.TryGetValue(record, out var found) ? found.Method : null;

    private async Task CompletePeopleAsync(CancellationToken cancellationToken)
    {
        var people = _found.Values.Select(f => f.Link.UnifiedContactId).Where(id => !_complete.Contains(id)).ToHashSet(StringComparer.Ordinal);
        await AddAsync("unified_contact_id", people, _ => true, cancellationToken).ConfigureAwait(false);
        _complete.UnionWith(people);
    }

    private async Task AddAsync(string column, IReadOnlyCollection<string> keys, Func<CrosswalkLink, bool> wanted, CancellationToken cancellationToken)
    {
        await foreach (var row in KeyLookup.ScanAsync(_crosswalk, column, keys, LinkColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var link = new CrosswalkLink((string)row[0]!, CrosswalkStep.SystemOf((string)row[1]!), (string)row[2]!, (string?)row[3], (DateTimeOffset)row[4]!);
            if (wanted(link))
            {
                _found.TryAdd(link.Key, (link, (string)row[5]!));
            }
        }
    }
}
