using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// GET contacts: $select, $filter, $orderby, $top, Prefer odata.maxpagesize (capped at 5,000) with
/// @odata.nextLink/$skiptoken, and change tracking (Prefer odata.track-changes, $deltatoken,
/// $deletedEntity rows after new/updated rows). Rules as documented: $skip unsupported; $filter,
/// $orderby and $top not allowed with change tracking; $top ignored together with maxpagesize.
/// </summary>
internal sealed class DynamicsContactQueryHandler(
    DynamicsContactStore store,
    DynamicsDeltaTokens deltaTokens,
    Func<Guid, string?> accountName)
{
    public const int MaxPageSizeCap = 5000;

    public DynamicsResponse Handle(DynamicsRequest request, string serviceRoot)
    {
        var query = request.Query;
        if (query.ContainsKey("$skip"))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The query parameter $skip is not supported.");
        var select = ParseSelect(query.GetValueOrDefault("$select"));
        var preferences = ParsePreferences(request.Preferences);
        var annotations = DynamicsAnnotationPreference.Of(preferences.IncludeAnnotations);
        var cookie = query.TryGetValue("$skiptoken", out var skipToken) ? DynamicsPagingCookie.Parse(skipToken) : null;
        var tracking = preferences.TrackChanges || query.ContainsKey("$deltatoken") || cookie?.Kind == DynamicsPagingCookie.InDelta;
        var pageSize = Math.Min(preferences.MaxPageSize ?? MaxPageSizeCap, MaxPageSizeCap);

        var applied = new List<string>();
        if (preferences.MaxPageSize is not null) applied.Add($"odata.maxpagesize={pageSize.ToString(CultureInfo.InvariantCulture)}");
        if (preferences.IncludeAnnotations is not null) applied.Add($"odata.include-annotations=\"{preferences.IncludeAnnotations}\"");
        if (tracking) applied.Add("odata.track-changes");
        var headers = applied.Count > 0 ? new Dictionary<string, string> { ["Preference-Applied"] = string.Join(",", applied) } : null;

        var page = tracking
            ? ReadDelta(query, cookie, pageSize)
            : ReadQuery(query, cookie, preferences.MaxPageSize is null ? null : pageSize);

        var body = Write(page, select, annotations, serviceRoot, query, tracking);
        return DynamicsResponse.Json(200, body, headers);
    }

    private Page ReadQuery(IReadOnlyDictionary<string, string> query, DynamicsPagingCookie? cookie, int? maxPageSize)
    {
        var filter = query.TryGetValue("$filter", out var filterText) ? ODataFilterParser.Parse(filterText) : null;
        var orderBy = ParseOrderBy(query.GetValueOrDefault("$orderby"));
        var take = maxPageSize
            ?? (query.TryGetValue("$top", out var topText) && int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out var top) ? top : MaxPageSizeCap);
        var pageable = maxPageSize is not null || !query.ContainsKey("$top");
        var pageNumber = (cookie?.PageNumber ?? 1) + 1;
        Func<DynamicsContact, bool> predicate = filter is null ? _ => true : filter.Matches;

        if (IsIndexOrder(orderBy))
        {
            var after = cookie is null ? null : ExpectKind(cookie, DynamicsPagingCookie.AfterKey).KeyProbe();
            var rows = store.ReadOrdered(after, predicate, take + 1);
            var more = pageable && rows.Count > take;
            if (rows.Count > take) rows.RemoveAt(take);
            return new Page(rows, [], more ? new DynamicsPagingCookie(pageNumber, DynamicsPagingCookie.AfterKey, DynamicsPagingCookie.KeyOf(rows[^1])) : null, null);
        }

        // Any other order: materialise, sort, and page by offset (fine for an emulator's sizes).
        var offset = cookie is null ? 0 : int.Parse(ExpectKind(cookie, DynamicsPagingCookie.AtOffset).Position, CultureInfo.InvariantCulture);
        var all = store.ReadOrdered(null, predicate, int.MaxValue);
        all.Sort((x, y) => CompareBy(orderBy, x, y));
        var slice = all.Skip(offset).Take(take).ToList();
        var hasMore = pageable && offset + take < all.Count;
        return new Page(slice, [], hasMore ? new DynamicsPagingCookie(pageNumber, DynamicsPagingCookie.AtOffset, (offset + take).ToString(CultureInfo.InvariantCulture)) : null, null);
    }

    /// <summary>Changes in version order: rows changed in (from, to], then (for incremental reads) deletes.</summary>
    private Page ReadDelta(IReadOnlyDictionary<string, string> query, DynamicsPagingCookie? cookie, int pageSize)
    {
        foreach (var forbidden in new[] { "$filter", "$orderby", "$top", "$expand" })
            if (query.ContainsKey(forbidden))
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"The query option {forbidden} is not supported with change tracking.");

        long from, to, after;
        bool inDeletes;
        if (cookie is not null)
        {
            var parts = ExpectKind(cookie, DynamicsPagingCookie.InDelta).Position.Split('_');
            if (parts.Length != 4) throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The $skiptoken is not a valid paging cookie.");
            from = long.Parse(parts[0], CultureInfo.InvariantCulture);
            to = long.Parse(parts[1], CultureInfo.InvariantCulture);
            inDeletes = parts[2] == "d";
            after = long.Parse(parts[3], CultureInfo.InvariantCulture);
        }
        else
        {
            from = query.TryGetValue("$deltatoken", out var token) ? deltaTokens.Validate(token) : 0;
            to = store.CurrentVersion;
            inDeletes = false;
            after = from;
        }

        var pageNumber = (cookie?.PageNumber ?? 1) + 1;
        var rows = inDeletes ? [] : store.ReadChangedRows(after, to, pageSize + 1);
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(pageSize);
            return new Page(rows, [], new DynamicsPagingCookie(pageNumber, DynamicsPagingCookie.InDelta, $"{from}_{to}_u_{rows[^1].VersionNumber}"), null);
        }

        // A first (full) read has nothing to delete; an incremental one lists deletes after the rows.
        var deleteAfter = inDeletes ? after : from;
        var deletes = from == 0 ? [] : store.ReadDeletes(deleteAfter, to, pageSize - rows.Count + 1);
        if (deletes.Count > pageSize - rows.Count)
        {
            deletes.RemoveAt(deletes.Count - 1);
            var last = deletes.Count > 0 ? deletes[^1].Version : deleteAfter;
            return new Page(rows, deletes, new DynamicsPagingCookie(pageNumber, DynamicsPagingCookie.InDelta, $"{from}_{to}_d_{last}"), null);
        }
        return new Page(rows, deletes, null, deltaTokens.Issue(to));
    }

    private byte[] Write(Page page, IReadOnlyList<string>? select, DynamicsAnnotationPreference annotations, string serviceRoot,
        IReadOnlyDictionary<string, string> query, bool tracking)
    {
        using var buffer = new MemoryStream(64 + (page.Rows.Count * 512));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var columns = select is null ? "" : "(" + string.Join(",", select) + ")";
            json.WriteString("@odata.context", $"{serviceRoot}$metadata#contacts{columns}{(tracking ? "/$delta" : "")}");
            json.WriteStartArray("value");
            var writer = new DynamicsContactJsonWriter(select, annotations, accountName);
            foreach (var row in page.Rows) writer.Write(json, row);
            foreach (var (_, id) in page.Deletes)
            {
                json.WriteStartObject();
                json.WriteString("@odata.context", $"{serviceRoot}$metadata#contacts/$deletedEntity");
                json.WriteString("id", id.ToString("D"));
                json.WriteString("reason", "deleted");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (page.Next is not null)
                json.WriteString("@odata.nextLink", Link(serviceRoot, query, "$skiptoken", page.Next.ToString()));
            if (page.DeltaToken is not null)
                json.WriteString("@odata.deltaLink", Link(serviceRoot, query.Where(q => q.Key == "$select"), "$deltatoken", page.DeltaToken));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Link(string serviceRoot, IEnumerable<KeyValuePair<string, string>> query, string tokenName, string token)
    {
        var link = new StringBuilder(serviceRoot).Append("contacts?");
        foreach (var (key, value) in query.Where(q => q.Key is not "$skiptoken" and not "$deltatoken"))
            link.Append(key).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        return link.Append(tokenName).Append('=').Append(Uri.EscapeDataString(token)).ToString();
    }

    private static List<string>? ParseSelect(string? select)
    {
        if (string.IsNullOrWhiteSpace(select)) return null;
        var columns = select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        columns.ForEach(DynamicsContactValues.EnsureKnown);
        // The primary key comes back whether selected or not.
        if (!columns.Contains("contactid")) columns.Insert(0, "contactid");
        return columns;
    }

    private static List<(string Attribute, bool Descending)> ParseOrderBy(string? orderBy)
    {
        if (string.IsNullOrWhiteSpace(orderBy)) return [];
        var result = new List<(string, bool)>();
        foreach (var clause in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 2 || (words.Length == 2 && words[1] is not "asc" and not "desc"))
                throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.QueryParseError, $"Invalid $orderby clause '{clause}'.");
            DynamicsContactValues.EnsureKnown(words[0]);
            result.Add((words[0], words.Length == 2 && words[1] == "desc"));
        }
        return result;
    }

    private static bool IsIndexOrder(List<(string Attribute, bool Descending)> orderBy) =>
        orderBy.Count == 0
        || (orderBy.Count == 1 && orderBy[0] == ("modifiedon", false))
        || (orderBy.Count == 2 && orderBy[0] == ("modifiedon", false) && orderBy[1] == ("contactid", false));

    private static int CompareBy(List<(string Attribute, bool Descending)> orderBy, DynamicsContact x, DynamicsContact y)
    {
        foreach (var (attribute, descending) in orderBy)
        {
            var order = CompareValues(DynamicsContactValues.Read(x, attribute), DynamicsContactValues.Read(y, attribute));
            if (order != 0) return descending ? -order : order;
        }
        return DynamicsContactOrder.Instance.Compare(x, y);
    }

    /// <summary>Nulls first, as SQL Server sorts them ascending.</summary>
    private static int CompareValues(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        (IComparable a, _) => a.CompareTo(y),
        _ => 0,
    };

    private static DynamicsPagingCookie ExpectKind(DynamicsPagingCookie cookie, string kind) =>
        cookie.Kind == kind ? cookie : throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The $skiptoken does not belong to this query.");

    internal static (int? MaxPageSize, bool TrackChanges, string? IncludeAnnotations) ParsePreferences(IEnumerable<string> prefer)
    {
        int? maxPageSize = null;
        var trackChanges = false;
        string? annotations = null;
        foreach (var preference in prefer.SelectMany(p => SplitPreferences(p)))
        {
            if (preference.StartsWith("odata.maxpagesize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(preference["odata.maxpagesize=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
                maxPageSize = size;
            else if (preference.Equals("odata.track-changes", StringComparison.OrdinalIgnoreCase))
                trackChanges = true;
            else if (preference.StartsWith("odata.include-annotations=", StringComparison.OrdinalIgnoreCase))
                annotations = preference["odata.include-annotations=".Length..].Trim('"');
        }
        return (maxPageSize, trackChanges, annotations);
    }

    /// <summary>Splits a Prefer header on commas outside double quotes.</summary>
    private static IEnumerable<string> SplitPreferences(string header)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= header.Length; i++)
        {
            if (i < header.Length && header[i] == '"') quoted = !quoted;
            if (i == header.Length || (header[i] == ',' && !quoted))
            {
                var item = header[start..i].Trim();
                if (item.Length > 0) yield return item;
                start = i + 1;
            }
        }
    }

    private sealed record Page(List<DynamicsContact> Rows, List<(long Version, Guid Id)> Deletes, DynamicsPagingCookie? Next, string? DeltaToken);
}
