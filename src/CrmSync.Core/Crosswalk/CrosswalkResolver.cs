using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Identity;

namespace CrmSync.Core.Crosswalk;

/// <summary>
/// Links changed source records to people. A linked record keeps its unified id forever (an email
/// change never re-links it); an unlinked one joins the person already holding its normalized email
/// from the other CRM, or starts a new person with a deterministic id (UUID v5 of its key, HubSpot's
/// key first). Duplicates within one CRM link one record by the configured rule; the rest become
/// conflicts. Cost is linear in the batch, with one lookup per record and email.
/// </summary>
public sealed class CrosswalkResolver
{
    private static readonly SourceSystem[] Systems = [SourceSystem.HubSpot, SourceSystem.Dynamics];
    private readonly DuplicateRule _rule;

    public CrosswalkResolver(DuplicateRule rule)
    {
        _rule = rule;
    }

    public CrosswalkResolution Resolve(ICrosswalkLookup existing, IEnumerable<CrosswalkCandidate> changed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(changed);
        var batch = new Batch(existing, now);
        var unlinkedByEmail = new Dictionary<string, List<CrosswalkCandidate>>(StringComparer.Ordinal);

        foreach (var candidate in LatestPerRecord(changed))
        {
            var link = existing.FindBySource(candidate.Key);
            var email = candidate.IsDeleted ? null : candidate.Email;
            if (link is not null)
            {
                batch.Readdress(link, email);
            }
            else if (candidate.IsDeleted)
            {
                continue;
            }
            else if (email is null)
            {
                batch.LinkNewPerson([candidate]);
            }
            else
            {
                if (!unlinkedByEmail.TryGetValue(email, out var group))
                {
                    unlinkedByEmail[email] = group = [];
                }

                group.Add(candidate);
            }
        }

        // Email order, so which record joins a person never depends on input order.
        var emails = unlinkedByEmail.Keys.ToArray();
        Array.Sort(emails, StringComparer.Ordinal);
        foreach (var email in emails)
        {
            LinkEmailGroup(batch, email, unlinkedByEmail[email]);
        }

        return batch.ToResolution();
    }

    private void LinkEmailGroup(Batch batch, string email, List<CrosswalkCandidate> group)
    {
        var holders = batch.HoldersOf(email);
        List<string> holderIds = holders.Count == 0 ? [] : holders.Select(h => h.UnifiedContactId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var winners = new List<CrosswalkCandidate>(2);
        var losers = new List<(CrosswalkCandidate Loser, string Message)>();
        var candidates = new List<CrosswalkCandidate>(group.Count);
        foreach (var system in Systems)
        {
            candidates.Clear();
            foreach (var candidate in group)
            {
                if (candidate.Key.System == system)
                {
                    candidates.Add(candidate);
                }
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            var sameSystemHolder = FirstIn(holders, system);
            var winner = sameSystemHolder is null ? DuplicatePicker.Pick(candidates, _rule) : null;
            if (candidates.Count > 1 || sameSystemHolder is not null)
            {
                var linkedInstead = sameSystemHolder is null ? $"{winner!.Key} is linked by duplicate rule {_rule}" : $"{sameSystemHolder.Key} is linked";
                foreach (var loser in candidates)
                {
                    if (loser != winner)
                    {
                        losers.Add((loser, $"{linkedInstead} with the same email; merge the duplicates or change one email in {SourceSystemNames.Of(system)}"));
                    }
                }
            }

            if (winner is not null)
            {
                winners.Add(winner);
            }
        }

        if (holders.Count == 0 && winners.Count > 0)
        {
            holderIds.Add(batch.LinkNewPerson(winners));
        }

        foreach (var (loser, message) in losers)
        {
            batch.Conflict(loser, CrosswalkConflictReason.DuplicateEmail, message, holderIds);
        }

        if (holders.Count == 0)
        {
            return;
        }

        foreach (var winner in winners)
        {
            var system = SourceSystemNames.Of(winner.Key.System);
            var eligible = holderIds.FindAll(id => !batch.HasRecordIn(id, winner.Key.System));
            if (eligible.Count == 1)
            {
                batch.LinkTo(eligible[0], winner);
            }
            else if (eligible.Count > 1)
            {
                batch.Conflict(winner, CrosswalkConflictReason.AmbiguousEmail,
                    $"{eligible.Count} people hold this email; merge them or change one email so the record can be linked", holderIds);
            }
            else
            {
                batch.Conflict(winner, CrosswalkConflictReason.ContactAlreadyLinked,
                    $"the person holding this email already has a {system} record; merge the two records in {system}", holderIds);
            }
        }
    }

    private static CrosswalkLink? FirstIn(IReadOnlyList<CrosswalkLink> links, SourceSystem system)
    {
        foreach (var link in links)
        {
            if (link.System == system)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>One candidate per record (its latest version), in key order so results never depend on input order.</summary>
    private static List<CrosswalkCandidate> LatestPerRecord(IEnumerable<CrosswalkCandidate> changed)
    {
        var latest = new Dictionary<SourceKey, CrosswalkCandidate>();
        foreach (var candidate in changed)
        {
            if (!latest.TryGetValue(candidate.Key, out var seen) || candidate.UpdatedAt >= seen.UpdatedAt)
            {
                latest[candidate.Key] = candidate;
            }
        }

        var ordered = latest.Values.ToList();
        ordered.Sort((a, b) => a.Key.System != b.Key.System ? a.Key.System.CompareTo(b.Key.System) : string.CompareOrdinal(a.Key.Id, b.Key.Id));
        return ordered;
    }

    /// <summary>The crosswalk as this batch changes it: the existing links overlaid with this batch's.</summary>
    private sealed class Batch(ICrosswalkLookup existing, DateTimeOffset now)
    {
        private readonly List<CrosswalkLink> _newLinks = [];
        private readonly List<CrosswalkLink> _updatedLinks = [];
        private readonly List<CrosswalkConflict> _conflicts = [];
        private readonly Dictionary<SourceKey, CrosswalkLink> _readdressed = [];
        private readonly Dictionary<string, List<CrosswalkLink>> _readdressedByEmail = new(StringComparer.Ordinal);
        private readonly HashSet<(string UnifiedId, SourceSystem System)> _joined = [];
        private readonly HashSet<SourceKey> _startedPeople = [];

        public void Readdress(CrosswalkLink link, string? email)
        {
            if (string.Equals(link.Email, email, StringComparison.Ordinal))
            {
                return;
            }

            var updated = link with { Email = email };
            _updatedLinks.Add(updated);
            _readdressed[link.Key] = updated;
            if (email is not null)
            {
                if (!_readdressedByEmail.TryGetValue(email, out var list))
                {
                    _readdressedByEmail[email] = list = [];
                }

                list.Add(updated);
            }
        }

        /// <summary>Links holding <paramref name="email"/> after this batch's email changes.</summary>
        public IReadOnlyList<CrosswalkLink> HoldersOf(string email)
        {
            var existingHolders = existing.FindByEmail(email);
            var moved = _readdressedByEmail.GetValueOrDefault(email);
            if (moved is null && (_readdressed.Count == 0 || existingHolders.Count == 0))
            {
                return existingHolders;
            }

            var holders = existingHolders.Where(l => !_readdressed.ContainsKey(l.Key)).ToList();
            if (moved is not null)
            {
                holders.AddRange(moved);
            }

            return holders;
        }

        public bool HasRecordIn(string unifiedId, SourceSystem system) =>
            _joined.Contains((unifiedId, system)) || existing.FindByUnifiedId(unifiedId).Any(l => l.System == system);

        /// <summary>Links the records as one new person, named after the HubSpot record when there is one; returns the new id.</summary>
        public string LinkNewPerson(List<CrosswalkCandidate> records)
        {
            var first = records.Find(r => r.Key.System == SourceSystem.HubSpot) ?? records[0];
            var unifiedId = ContactIds.UnifiedIdFor(first.Key);
            _startedPeople.Add(first.Key);
            foreach (var record in records)
            {
                LinkTo(unifiedId, record);
            }

            return unifiedId;
        }

        public void LinkTo(string unifiedId, CrosswalkCandidate record)
        {
            _joined.Add((unifiedId, record.Key.System));
            _newLinks.Add(new CrosswalkLink(unifiedId, record.Key.System, record.Key.Id, record.Email, now));
        }

        public void Conflict(CrosswalkCandidate record, CrosswalkConflictReason reason, string message, List<string> relatedIds) =>
            _conflicts.Add(new CrosswalkConflict(record.Key, record.Email, reason, $"{record.Key} ({record.Email}): {message}", [.. relatedIds]));

        public CrosswalkResolution ToResolution() => new(_newLinks, _updatedLinks, _conflicts, _startedPeople);
    }
}
