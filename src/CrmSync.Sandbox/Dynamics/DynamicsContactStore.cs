namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// The in-memory contact table. Rows are kept by id, in (modifiedon, contactid) order for paged
/// incremental reads, and in version order with a delete log for change tracking. One lock guards
/// everything; it is re-entrant so a change set can hold it across several writes.
/// </summary>
internal sealed class DynamicsContactStore(TimeProvider clock)
{
    private readonly Dictionary<Guid, DynamicsContact> _byId = [];
    private readonly SortedSet<DynamicsContact> _byModified = new(DynamicsContactOrder.Instance);
    private static readonly Guid MaxGuid = new("ffffffff-ffff-ffff-ffff-ffffffffffff");
    private readonly SortedSet<(long Version, Guid Id)> _byVersion = [];
    private readonly SortedSet<(long Version, Guid Id)> _deletes = [];
    private long _version;

    public object Gate { get; } = new();

    public long CurrentVersion { get { lock (Gate) return _version; } }

    public int Count { get { lock (Gate) return _byId.Count; } }

    public DynamicsContact? Get(Guid id)
    {
        lock (Gate) return _byId.GetValueOrDefault(id);
    }

    public IReadOnlyList<DynamicsContact> GetAll(int limit = int.MaxValue)
    {
        lock (Gate) return [.. _byModified.Take(limit)];
    }

    /// <summary>Applies a PATCH. Returns the new row and whether it was created.</summary>
    public (DynamicsContact Row, bool Created) Write(Guid id, IReadOnlyDictionary<string, object?> changes, DynamicsWriteCondition condition)
    {
        lock (Gate)
        {
            var existing = _byId.GetValueOrDefault(id);
            if (existing is null && condition == DynamicsWriteCondition.UpdateOnly)
                throw DynamicsServiceException.NotFound(id);
            if (existing is not null && condition == DynamicsWriteCondition.CreateOnly)
                throw new DynamicsServiceException(412, DynamicsErrorCodes.DuplicateRecord, "A record with matching key values already exists.");

            var now = Now();
            var attributes = existing is null
                ? new Dictionary<string, object?>(StringComparer.Ordinal)
                : new Dictionary<string, object?>(existing.Attributes, StringComparer.Ordinal);
            foreach (var (name, value) in changes) attributes[name] = value;
            var row = new DynamicsContact(id, attributes, existing?.CreatedOn ?? now, now, ++_version);
            // A re-created row is live again: its old delete must not follow it in the next delta.
            if (existing is null) _deletes.RemoveWhere(d => d.Id == id);
            Replace(existing, row);
            return (row, existing is null);
        }
    }

    /// <summary>Adds a seeded row with its own history (created/modified in the past).</summary>
    public DynamicsContact Insert(Guid id, IReadOnlyDictionary<string, object?> attributes, DateTimeOffset createdOn, DateTimeOffset modifiedOn)
    {
        lock (Gate)
        {
            var row = new DynamicsContact(id, attributes, TruncateToSecond(createdOn), TruncateToSecond(modifiedOn), ++_version);
            Replace(_byId.GetValueOrDefault(id), row);
            return row;
        }
    }

    public void Delete(Guid id)
    {
        lock (Gate)
        {
            var existing = _byId.GetValueOrDefault(id) ?? throw DynamicsServiceException.NotFound(id);
            Replace(existing, null);
            _deletes.Add((++_version, id));
        }
    }

    /// <summary>Puts a row back exactly as it was (null = absent): used to roll back a failed change set.</summary>
    public void Restore(Guid id, DynamicsContact? previous)
    {
        lock (Gate)
        {
            Replace(_byId.GetValueOrDefault(id), previous);
            _deletes.RemoveWhere(d => d.Id == id && d.Version > (previous?.VersionNumber ?? 0));
        }
    }

    /// <summary>Rows after <paramref name="after"/> in (modifiedon, contactid) order that match, up to <paramref name="take"/>.</summary>
    public List<DynamicsContact> ReadOrdered(DynamicsContact? after, Func<DynamicsContact, bool> predicate, int take)
    {
        lock (Gate)
        {
            var page = new List<DynamicsContact>(Math.Min(take, 1024));
            var source = after is null || _byModified.Count == 0
                ? _byModified
                : DynamicsContactOrder.Instance.Compare(after, _byModified.Max) >= 0
                    ? Enumerable.Empty<DynamicsContact>()
                    : _byModified.GetViewBetween(after, _byModified.Max!);
            foreach (var row in source)
            {
                if (after is not null && DynamicsContactOrder.Instance.Compare(row, after) <= 0) continue;
                if (!predicate(row)) continue;
                page.Add(row);
                if (page.Count == take) break;
            }
            return page;
        }
    }

    /// <summary>Rows whose version is in (afterVersion, upToVersion], in version order, up to <paramref name="take"/>.</summary>
    public List<DynamicsContact> ReadChangedRows(long afterVersion, long upToVersion, int take)
    {
        lock (Gate)
        {
            return [.. InVersionRange(_byVersion, afterVersion, upToVersion).Take(take).Select(entry => _byId[entry.Id])];
        }
    }

    /// <summary>Deletes whose version is in (afterVersion, upToVersion], in version order.</summary>
    public List<(long Version, Guid Id)> ReadDeletes(long afterVersion, long upToVersion, int take)
    {
        lock (Gate)
        {
            return [.. InVersionRange(_deletes, afterVersion, upToVersion).Take(take)];
        }
    }

    private static SortedSet<(long Version, Guid Id)> InVersionRange(SortedSet<(long Version, Guid Id)> set, long afterVersion, long upToVersion) =>
        afterVersion >= upToVersion ? [] : set.GetViewBetween((afterVersion + 1, Guid.Empty), (upToVersion, MaxGuid));

    private void Replace(DynamicsContact? existing, DynamicsContact? replacement)
    {
        if (existing is not null)
        {
            _byModified.Remove(existing);
            _byVersion.Remove((existing.VersionNumber, existing.ContactId));
            _byId.Remove(existing.ContactId);
        }
        if (replacement is not null)
        {
            _byModified.Add(replacement);
            _byVersion.Add((replacement.VersionNumber, replacement.ContactId));
            _byId[replacement.ContactId] = replacement;
        }
    }

    private DateTimeOffset Now() => TruncateToSecond(clock.GetUtcNow());

    /// <summary>Dataverse stores datetimes to the second.</summary>
    private static DateTimeOffset TruncateToSecond(DateTimeOffset at)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
