using CrmSync.Core.Configuration;

namespace CrmSync.Core.Crosswalk;

/// <summary>Chooses which of several same-CRM records sharing an email gets linked. Ties break on the
/// smallest id, so the choice never depends on input order.</summary>
internal static class DuplicatePicker
{
    public static CrosswalkCandidate Pick(IReadOnlyList<CrosswalkCandidate> candidates, DuplicateRule rule)
    {
        var best = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            if (Compare(candidates[i], best, rule) < 0)
            {
                best = candidates[i];
            }
        }

        return best;
    }

    /// <summary>Negative when <paramref name="a"/> should be linked before <paramref name="b"/>.</summary>
    private static int Compare(CrosswalkCandidate a, CrosswalkCandidate b, DuplicateRule rule)
    {
        var byRule = rule switch
        {
            DuplicateRule.MostRecentlyModified => b.UpdatedAt.CompareTo(a.UpdatedAt),
            DuplicateRule.OldestCreated => (a.CreatedAt ?? DateTimeOffset.MaxValue).CompareTo(b.CreatedAt ?? DateTimeOffset.MaxValue),
            _ => 0,
        };
        return byRule != 0 ? byRule : string.CompareOrdinal(a.Key.Id, b.Key.Id);
    }
}
