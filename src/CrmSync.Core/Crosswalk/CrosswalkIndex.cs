using CrmSync.Core.Contacts;

namespace CrmSync.Core.Crosswalk;

/// <summary>An in-memory <see cref="ICrosswalkLookup"/> over the crosswalk's rows, with O(1) lookups.</summary>
public sealed class CrosswalkIndex : ICrosswalkLookup
{
    private readonly Dictionary<SourceKey, CrosswalkLink> _bySource = [];
    private readonly Dictionary<string, List<CrosswalkLink>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CrosswalkLink>> _byUnifiedId = new(StringComparer.Ordinal);

    public CrosswalkIndex(IEnumerable<CrosswalkLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
        {
            if (!_bySource.TryAdd(link.Key, link))
            {
                throw new ArgumentException($"The crosswalk links {link.Key} twice.", nameof(links));
            }

            if (link.Email is not null)
            {
                Add(_byEmail, link.Email, link);
            }

            Add(_byUnifiedId, link.UnifiedContactId, link);
        }
    }

    public CrosswalkLink? FindBySource(SourceKey record) => _bySource.GetValueOrDefault(record);

    public IReadOnlyList<CrosswalkLink> FindByEmail(string normalizedEmail) =>
        _byEmail.TryGetValue(normalizedEmail, out var links) ? links : [];

    public IReadOnlyList<CrosswalkLink> FindByUnifiedId(string unifiedContactId) =>
        _byUnifiedId.TryGetValue(unifiedContactId, out var links) ? links : [];

    private static void Add(Dictionary<string, List<CrosswalkLink>> index, string key, CrosswalkLink link)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(link);
    }
}
