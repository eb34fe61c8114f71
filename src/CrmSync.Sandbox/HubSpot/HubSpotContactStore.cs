using System.Globalization;
using CrmSync.Sandbox.Common;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>
/// The emulator's contacts, in memory, with the indexes that make a search page
/// O(log n + page): active contacts by (lastmodifieddate, id) and by id, archived ones by id.
/// Every member is thread-safe (one lock); reads return immutable rows.
/// </summary>
internal sealed class HubSpotContactStore
{
    private const long FirstId = 100_001;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, HubSpotContact> _contacts = [];
    private readonly ChunkedSortedIndex<ModifiedKey> _byModified = new();
    private readonly ChunkedSortedIndex<long> _activeIds = new();
    private readonly ChunkedSortedIndex<long> _archivedIds = new();

    // Built on first need: seeding a million contacts should not pay for a million email strings.
    private Dictionary<string, long>? _idByEmail;
    private PersonGenerator? _generator;
    private long _nextId = FirstId;

    public HubSpotContactStore(TimeProvider time) => _time = time;

    public int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _activeIds.Count;
            }
        }
    }

    /// <summary>Replaces every contact with <see cref="SeedOptions.Count"/> generated ones.</summary>
    public void Seed(SeedOptions options)
    {
        var generator = new PersonGenerator(options);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _contacts.Clear();
            _byModified.Clear();
            _activeIds.Clear();
            _archivedIds.Clear();
            _idByEmail = null;
            _generator = generator;
            _nextId = FirstId;

            var keys = new ModifiedKey[options.Count];
            _contacts.EnsureCapacity(options.Count);
            for (var ordinal = 0; ordinal < options.Count; ordinal++)
            {
                var (createdAgo, modifiedAgo) = generator.Ages(generator.PersonIndexFor(SeedSide.HubSpot, ordinal));
                var contact = new HubSpotContact
                {
                    Id = _nextId++,
                    CreatedMs = (now - createdAgo).ToUnixTimeMilliseconds(),
                    ModifiedMs = (now - modifiedAgo).ToUnixTimeMilliseconds(),
                    SeedOrdinal = ordinal,
                };
                _contacts.Add(contact.Id, contact);
                _activeIds.Add(contact.Id);
                keys[ordinal] = contact.Key;
            }

            Array.Sort(keys);
            foreach (var key in keys)
            {
                _byModified.Add(key);
            }
        }
    }

    public HubSpotContactRow? Get(long id)
    {
        lock (_gate)
        {
            return _contacts.TryGetValue(id, out var contact) ? Row(contact) : null;
        }
    }

    public IReadOnlyList<HubSpotContactRow> GetAll(bool includeArchived, int limit = int.MaxValue)
    {
        lock (_gate)
        {
            var ids = includeArchived ? _activeIds.Ascending().Concat(_archivedIds.Ascending()).Order() : _activeIds.Ascending();
            return [.. ids.Take(limit).Select(id => Row(_contacts[id]))];
        }
    }

    /// <summary>Creates a contact; fails on invalid values or an email already in use.</summary>
    public (HubSpotContactRow? Row, HubSpotInputError? Error) Create(IReadOnlyDictionary<string, string?> properties)
    {
        var values = new string?[HubSpotContactSchema.Writable.Count];
        if (HubSpotPropertyValidator.Apply(properties, values) is { } invalid)
        {
            return (null, invalid);
        }

        lock (_gate)
        {
            var email = values[HubSpotContactSchema.EmailIndex];
            if (email is not null && EmailIndex().TryGetValue(email, out var existing))
            {
                return (null, HubSpotInputError.Conflict(existing));
            }

            var now = NowMs();
            var contact = new HubSpotContact { Id = _nextId++, CreatedMs = now, ModifiedMs = now, Values = values };
            _contacts.Add(contact.Id, contact);
            _activeIds.Add(contact.Id);
            _byModified.Add(contact.Key);
            if (email is not null)
            {
                EmailIndex()[email] = contact.Id;
            }

            return (Row(contact), null);
        }
    }

    /// <summary>Updates an active contact; lastmodifieddate moves only when a value actually changes.</summary>
    public (HubSpotContactRow? Row, HubSpotInputError? Error) Update(long id, IReadOnlyDictionary<string, string?> properties)
    {
        lock (_gate)
        {
            if (!_contacts.TryGetValue(id, out var contact) || contact.ArchivedMs.HasValue)
            {
                return (null, HubSpotInputError.NotFound(id.ToString(CultureInfo.InvariantCulture)));
            }

            var current = ValuesOf(contact);
            var values = (string?[])current.Clone();
            if (HubSpotPropertyValidator.Apply(properties, values) is { } invalid)
            {
                return (null, invalid);
            }

            var oldEmail = current[HubSpotContactSchema.EmailIndex];
            var newEmail = values[HubSpotContactSchema.EmailIndex];
            if (!string.Equals(oldEmail, newEmail, StringComparison.Ordinal))
            {
                var emails = EmailIndex();
                if (newEmail is not null && emails.TryGetValue(newEmail, out var other) && other != id)
                {
                    return (null, HubSpotInputError.Conflict(other));
                }

                if (oldEmail is not null)
                {
                    emails.Remove(oldEmail);
                }

                if (newEmail is not null)
                {
                    emails[newEmail] = id;
                }
            }

            if (!values.AsSpan().SequenceEqual(current))
            {
                contact.Values = values;
                contact.SeedOrdinal = -1;
                Touch(contact);
            }

            return (Row(contact), null);
        }
    }

    /// <summary>Finds an active contact by a unique property value (email, case-insensitive, or hs_object_id).</summary>
    public long? FindBy(string idProperty, string value)
    {
        lock (_gate)
        {
            if (idProperty == HubSpotContactSchema.ObjectId)
            {
                return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && _activeIds.Contains(id) ? id : null;
            }

            return EmailIndex().TryGetValue(value.Trim().ToLowerInvariant(), out var byEmail) ? byEmail : null;
        }
    }

    public bool Archive(long id)
    {
        lock (_gate)
        {
            if (!_contacts.TryGetValue(id, out var contact) || contact.ArchivedMs.HasValue)
            {
                return false;
            }

            if (ValuesOf(contact)[HubSpotContactSchema.EmailIndex] is { } email)
            {
                EmailIndex().Remove(email);
            }

            _byModified.Remove(contact.Key);
            _activeIds.Remove(id);
            contact.ArchivedMs = NowMs();
            _archivedIds.Add(id);
            return true;
        }
    }

    /// <summary>Brings an archived contact back (HubSpot allows this for 90 days).</summary>
    public HubSpotInputError? Restore(long id)
    {
        lock (_gate)
        {
            if (!_contacts.TryGetValue(id, out var contact) || !contact.ArchivedMs.HasValue)
            {
                return HubSpotInputError.NotFound(id.ToString(CultureInfo.InvariantCulture));
            }

            if (ValuesOf(contact)[HubSpotContactSchema.EmailIndex] is { } email)
            {
                if (EmailIndex().TryGetValue(email, out var other))
                {
                    return HubSpotInputError.Conflict(other);
                }

                EmailIndex()[email] = id;
            }

            _archivedIds.Remove(id);
            contact.ArchivedMs = null;
            contact.ModifiedMs = NowMs();
            _activeIds.Add(id);
            _byModified.Add(contact.Key);
            return null;
        }
    }

    /// <summary>One page of a list (ordered by id), active or archived contacts.</summary>
    public HubSpotSearchPage List(long afterId, int limit, bool archived)
    {
        lock (_gate)
        {
            var ids = archived ? _archivedIds : _activeIds;
            var page = new List<HubSpotContactRow>(limit);
            string? next = null;
            foreach (var id in ids.Ascending(afterId, hasFrom: true, inclusive: true))
            {
                if (page.Count == limit)
                {
                    next = id.ToString(CultureInfo.InvariantCulture);
                    break;
                }

                page.Add(Row(_contacts[id]));
            }

            return new HubSpotSearchPage(page, ids.Count, next);
        }
    }

    /// <summary>Runs a search page. See <see cref="HubSpotSearchCursor"/> for the after token.</summary>
    public HubSpotSearchPage Search(HubSpotSearchRequest request, int resultCap, TimeSpan indexLag)
    {
        var cursor = HubSpotSearchCursor.Parse(request.After);
        if (cursor is null)
        {
            return new HubSpotSearchPage([], 0, null, HubSpotInputError.BadRequest($"Invalid 'after' value '{request.After}'."));
        }

        if (cursor.Value.Offset >= resultCap)
        {
            return new HubSpotSearchPage([], 0, null, HubSpotInputError.BadRequest(
                $"There was a problem with the request. The search API returns at most {resultCap} results per query; after={cursor.Value.Offset} is beyond it. Narrow the filters."));
        }

        lock (_gate)
        {
            var visibleBefore = indexLag > TimeSpan.Zero ? NowMs() - (long)indexLag.TotalMilliseconds : long.MaxValue;
            var matches = Ordered(request, cursor.Value)
                .Where(c => c.ModifiedMs <= visibleBefore && Matches(request, c));
            if (cursor.Value.SeekKey is null)
            {
                matches = matches.Skip(cursor.Value.Offset);
            }

            var page = new List<HubSpotContactRow>(request.Limit);
            HubSpotContact? last = null;
            var hasMore = false;
            var counted = cursor.Value.Offset;
            foreach (var contact in matches)
            {
                if (page.Count == request.Limit)
                {
                    hasMore = true;
                    if (cursor.Value.Total is not null)
                    {
                        break;
                    }
                }
                else
                {
                    page.Add(Row(contact));
                    last = contact;
                }

                counted++;
            }

            var total = cursor.Value.Total ?? counted;
            var nextOffset = cursor.Value.Offset + page.Count;
            var next = hasMore && last is not null
                ? new HubSpotSearchCursor(nextOffset, SeekKeyFor(request, last), total).ToString()
                : null;
            return new HubSpotSearchPage(page, total, next);
        }
    }

    private IEnumerable<HubSpotContact> Ordered(HubSpotSearchRequest request, HubSpotSearchCursor cursor)
    {
        switch (request.SortProperty)
        {
            case HubSpotContactSchema.LastModifiedDate:
            {
                var (low, high) = Bounds(request, HubSpotContactSchema.LastModifiedDate);
                var seek = cursor.SeekKey is { } key ? new ModifiedKey(key.Primary, key.Secondary) : (ModifiedKey?)null;
                var keys = request.SortDescending
                    ? _byModified.Descending(seek ?? new ModifiedKey(high, long.MaxValue), hasFrom: true, inclusive: seek is null)
                        .TakeWhile(k => k.ModifiedMs >= low)
                    : _byModified.Ascending(seek ?? new ModifiedKey(low, long.MinValue), hasFrom: true, inclusive: seek is null)
                        .TakeWhile(k => k.ModifiedMs <= high);
                return keys.Select(k => _contacts[k.Id]);
            }

            case null or HubSpotContactSchema.ObjectId:
            {
                var (low, high) = Bounds(request, HubSpotContactSchema.ObjectId);
                var seek = cursor.SeekKey?.Primary;
                var ids = request.SortDescending
                    ? _activeIds.Descending(seek ?? high, hasFrom: true, inclusive: seek is null).TakeWhile(id => id >= low)
                    : _activeIds.Ascending(seek ?? low, hasFrom: true, inclusive: seek is null).TakeWhile(id => id <= high);
                return ids.Select(id => _contacts[id]);
            }

            default:
            {
                // Unindexed sort: materialize and sort; paging falls back to offsets.
                var property = request.SortProperty;
                var numeric = HubSpotContactSchema.Find(property)?.Type is "datetime" or "number";
                var all = _activeIds.Ascending().Select(id => _contacts[id]);
                IOrderedEnumerable<HubSpotContact> sorted = numeric
                    ? (request.SortDescending ? all.OrderByDescending(c => NumberOf(c, property)) : all.OrderBy(c => NumberOf(c, property)))
                    : (request.SortDescending
                        ? all.OrderByDescending(c => TextOf(c, property), StringComparer.OrdinalIgnoreCase)
                        : all.OrderBy(c => TextOf(c, property), StringComparer.OrdinalIgnoreCase));
                return sorted.ThenBy(c => c.Id).ToList();
            }
        }
    }

    private static HubSpotSearchCursor.Key? SeekKeyFor(HubSpotSearchRequest request, HubSpotContact last) => request.SortProperty switch
    {
        HubSpotContactSchema.LastModifiedDate => new HubSpotSearchCursor.Key(last.ModifiedMs, last.Id),
        null or HubSpotContactSchema.ObjectId => new HubSpotSearchCursor.Key(last.Id, 0),
        _ => null,
    };

    /// <summary>The widest [low, high] any filter group allows on a numeric property, to seek the index.</summary>
    private static (long Low, long High) Bounds(HubSpotSearchRequest request, string property)
    {
        if (request.FilterGroups.Count == 0)
        {
            return (long.MinValue, long.MaxValue);
        }

        long low = long.MaxValue, high = long.MinValue;
        foreach (var group in request.FilterGroups)
        {
            long groupLow = long.MinValue, groupHigh = long.MaxValue;
            foreach (var filter in group)
            {
                if (filter.PropertyName == property)
                {
                    filter.Narrow(ref groupLow, ref groupHigh);
                }
            }

            low = Math.Min(low, groupLow);
            high = Math.Max(high, groupHigh);
        }

        return (low, high);
    }

    private bool Matches(HubSpotSearchRequest request, HubSpotContact contact)
    {
        if (request.Query is { Length: > 0 } query && !MatchesQuery(contact, query))
        {
            return false;
        }

        if (request.FilterGroups.Count == 0)
        {
            return true;
        }

        foreach (var group in request.FilterGroups)
        {
            var all = true;
            foreach (var filter in group)
            {
                var matched = filter.IsNumeric
                    ? filter.Matches(NumberOf(contact, filter.PropertyName), null)
                    : filter.Matches(null, TextOf(contact, filter.PropertyName));
                if (!matched)
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Free-text query: a prefix of a word in the default searchable properties.</summary>
    private bool MatchesQuery(HubSpotContact contact, string query)
    {
        foreach (var property in (ReadOnlySpan<string>)["email", "firstname", "lastname", "phone", "company"])
        {
            if (TextOf(contact, property) is { } text && text.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static long? NumberOf(HubSpotContact contact, string property) => property switch
    {
        HubSpotContactSchema.LastModifiedDate => contact.ModifiedMs,
        HubSpotContactSchema.CreateDate => contact.CreatedMs,
        HubSpotContactSchema.ObjectId => contact.Id,
        _ => null,
    };

    private string? TextOf(HubSpotContact contact, string property) =>
        HubSpotContactSchema.TryGetWritableIndex(property, out var index) ? ValuesOf(contact)[index] : null;

    private HubSpotContactRow Row(HubSpotContact contact) =>
        new(contact.Id, contact.CreatedMs, contact.ModifiedMs, contact.ArchivedMs, ValuesOf(contact));

    /// <summary>The contact's values, generated from the seed when never edited.</summary>
    private string?[] ValuesOf(HubSpotContact contact)
    {
        if (contact.Values is { } values)
        {
            return values;
        }

        var person = _generator!.ForOrdinal(SeedSide.HubSpot, contact.SeedOrdinal);
        var generated = new string?[HubSpotContactSchema.Writable.Count];
        Set(generated, HubSpotContactSchema.Email, person.Email?.ToLowerInvariant());
        Set(generated, "firstname", person.FirstName);
        Set(generated, "lastname", person.LastName);
        Set(generated, "phone", person.Phone);
        Set(generated, "mobilephone", person.MobilePhone);
        Set(generated, "jobtitle", person.JobTitle);
        Set(generated, "company", person.Company);
        Set(generated, "address", person.Street);
        Set(generated, "city", person.City);
        Set(generated, "state", person.State);
        Set(generated, "zip", person.Zip);
        Set(generated, "country", person.Country);
        Set(generated, HubSpotContactSchema.LifecycleStage, person.LifecycleStage);
        Set(generated, HubSpotContactSchema.EmailOptOut, person.EmailOptOut ? "true" : "false");
        return generated;
    }

    private static void Set(string?[] values, string property, string? value)
    {
        HubSpotContactSchema.TryGetWritableIndex(property, out var index);
        values[index] = value;
    }

    private Dictionary<string, long> EmailIndex()
    {
        if (_idByEmail is null)
        {
            _idByEmail = new Dictionary<string, long>(_activeIds.Count, StringComparer.Ordinal);
            foreach (var id in _activeIds.Ascending())
            {
                if (ValuesOf(_contacts[id])[HubSpotContactSchema.EmailIndex] is { } email)
                {
                    _idByEmail.TryAdd(email, id);
                }
            }
        }

        return _idByEmail;
    }

    private void Touch(HubSpotContact contact)
    {
        _byModified.Remove(contact.Key);
        contact.ModifiedMs = Math.Max(NowMs(), contact.ModifiedMs);
        _byModified.Add(contact.Key);
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
