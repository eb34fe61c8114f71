using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using CrmSync.Connectors.Common;
using Polly;
using RestSharp;

namespace CrmSync.Connectors.HubSpot;

/// <summary>
/// HubSpot CRM v3 contacts: incremental reads through search (exact across the 10,000-result cap),
/// full and archived reads through the list endpoint, batch create/update/upsert with per-input
/// results, and property discovery. Every call is rate limited to the configured budgets, retried
/// per policy and reported to <see cref="HubSpotClientOptions.Reporter"/>; the token never leaves the
/// Authorization header.
/// </summary>
public sealed class HubSpotClient : IDisposable
{
    private const string ContactsPath = "/crm/v3/objects/contacts";
    private const string SearchPath = "/crm/v3/objects/contacts/search";
    private const string PropertiesPath = "/crm/v3/properties/contacts";

    private readonly HubSpotClientOptions _options;
    private readonly RestClient _rest;
    private readonly List<RateLimiter> _limiters = [];
    private readonly ResiliencePipeline<RestResponse> _pipeline;
    private readonly ResiliencePipeline<RestResponse> _searchPipeline;
    private readonly ApiCallExecutor _executor;

    public HubSpotClient(HubSpotClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _rest = new RestClient(
            new RestClientOptions(options.BaseUri)
            {
                // Polly owns per-attempt timeouts; this only bounds a runaway attempt.
                Timeout = options.Retry.AttemptTimeout + TimeSpan.FromSeconds(5),
                ThrowOnAnyError = false,
            },
            configureDefaultHeaders: headers =>
            {
                headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.AccessToken);
                headers.Accept.ParseAdd("application/json");
            });

        var throttling = new HubSpotThrottling(options);
        var general = Limiter(options.RateLimit);
        var search = Limiter(options.SearchRateLimit);
        _pipeline = CrmResiliencePipeline.Create(Resilience(throttling, general is null ? [] : [general]));
        // Search waits on its stricter per-second window first, so its 10 s permit is taken just before sending.
        _searchPipeline = CrmResiliencePipeline.Create(Resilience(throttling, [.. new[] { search, general }.OfType<RateLimiter>()]));
        _executor = new ApiCallExecutor(
            HubSpotFailures.System,
            _rest,
            options.Reporter,
            options.TimeProvider,
            options.Logger,
            response => response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "X-HubSpot-Correlation-Id", StringComparison.OrdinalIgnoreCase))?.Value
                ?? HubSpotErrorBody.From(response).CorrelationId,
            response => HubSpotErrorBody.From(response).Code);
    }

    /// <summary>
    /// Contacts whose lastmodifieddate lies in [<paramref name="from"/>, <paramref name="to"/>], each
    /// exactly once, streamed page by page. Pass the run start as <paramref name="to"/> and start
    /// <paramref name="from"/> a little before the watermark: HubSpot's search index lags writes.
    /// </summary>
    public async IAsyncEnumerable<CrmRecord> ReadModifiedAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new ApiCall("search", Method.Post, SearchPath);
        long? lastId = null;
        while (true)
        {
            // A fresh query per slice of ids: each stays under the result cap.
            var query = new HubSpotSearchQuery(from, to, lastId, _options.Properties, _options.SearchPageSize);
            var readInQuery = 0;
            string? after = null;
            while (true)
            {
                var body = query.ToJson(after);
                var page = await _executor.ExecuteAsync(
                    _searchPipeline,
                    call,
                    () => new RestRequest(SearchPath.TrimStart('/'), Method.Post).AddStringBody(body, ContentType.Json).KeepingBodyAsBytes(),
                    response => ReadPage(call, response),
                    cancellationToken).ConfigureAwait(false);

                foreach (var record in page.Records)
                {
                    var id = ParseId(record, call);
                    if (lastId is { } previous && id <= previous)
                    {
                        throw new CrmMalformedResponseException(HubSpotFailures.System, call.Endpoint, 200,
                            $"HubSpot {call.Endpoint} returned contact {id} after {previous}: results are not in ascending hs_object_id order, so records could be missed.");
                    }

                    lastId = id;
                    yield return record;
                }

                readInQuery += page.Records.Count;
                after = page.NextAfter;
                if (after is null)
                {
                    yield break;
                }

                if (readInQuery + _options.SearchPageSize > _options.SearchResultCap)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// How many contacts <see cref="ReadModifiedAsync"/> would return for the same window, from the search's total
    /// (one request for one result), so progress can show an ETA. An estimate: contacts modified meanwhile change it.
    /// </summary>
    public async Task<long> CountModifiedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var call = new ApiCall("search_count", Method.Post, SearchPath);
        var body = new HubSpotSearchQuery(from, to, null, [], 1).ToJson(null);
        var page = await _executor.ExecuteAsync(
            _searchPipeline,
            call,
            () => new RestRequest(SearchPath.TrimStart('/'), Method.Post).AddStringBody(body, ContentType.Json).KeepingBodyAsBytes(),
            response => ReadPage(call, response),
            cancellationToken).ConfigureAwait(false);
        return page.Total ?? throw new CrmMalformedResponseException(HubSpotFailures.System, call.Endpoint, 200,
            $"HubSpot {call.Endpoint} answered a search without 'total'.");
    }

    /// <summary>Every active contact, by id, through the list endpoint (no result cap).</summary>
    public IAsyncEnumerable<CrmRecord> ReadAllAsync(CancellationToken cancellationToken = default) => ListAsync(archived: false, cancellationToken);

    /// <summary>Archived (deleted) contacts, as records with <see cref="CrmRecord.IsDeleted"/> set.</summary>
    public IAsyncEnumerable<CrmRecord> ReadArchivedAsync(CancellationToken cancellationToken = default) => ListAsync(archived: true, cancellationToken);

    /// <summary>Creates contacts, <see cref="HubSpotClientOptions.BatchSize"/> per request; one result per input as batches complete.</summary>
    public IAsyncEnumerable<RecordWriteResult> CreateAsync(IEnumerable<HubSpotWriteInput> inputs, CancellationToken cancellationToken = default) =>
        WriteAsync(HubSpotBatchOperation.Create, inputs, null, cancellationToken);

    /// <summary>Updates contacts by HubSpot id; one result per input as batches complete.</summary>
    public IAsyncEnumerable<RecordWriteResult> UpdateAsync(IEnumerable<HubSpotWriteInput> inputs, CancellationToken cancellationToken = default) =>
        WriteAsync(HubSpotBatchOperation.Update, inputs, null, cancellationToken);

    /// <summary>Creates or updates contacts keyed by a unique property (e.g. email); <see cref="HubSpotWriteInput.Id"/> holds its value.</summary>
    public IAsyncEnumerable<RecordWriteResult> UpsertAsync(IEnumerable<HubSpotWriteInput> inputs, string idProperty, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idProperty);
        return WriteAsync(HubSpotBatchOperation.Upsert, inputs, idProperty, cancellationToken);
    }

    /// <summary>One batch request (at most <see cref="HubSpotClientOptions.BatchSize"/> inputs); exactly one result per input, in input order.</summary>
    public Task<IReadOnlyList<RecordWriteResult>> WriteBatchAsync(
        HubSpotBatchOperation operation, IReadOnlyList<HubSpotWriteInput> inputs, string? idProperty = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0 || inputs.Count > _options.BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Count, $"A batch holds 1 to {_options.BatchSize} inputs.");
        }

        foreach (var input in inputs)
        {
            if (operation != HubSpotBatchOperation.Create && string.IsNullOrEmpty(input.Id))
            {
                throw new ArgumentException($"Input '{input.InputKey}' has no id; {operation} needs one.", nameof(inputs));
            }
        }

        var path = HubSpotBatchRequest.Path(operation);
        var call = new ApiCall("batch_" + operation.ToString().ToLowerInvariant(), Method.Post, path, inputs.Count);
        var body = HubSpotBatchRequest.ToJson(operation, inputs, idProperty);
        return _executor.ExecuteAsync(
            _pipeline,
            call,
            () => new RestRequest(path.TrimStart('/'), Method.Post).AddStringBody(body, ContentType.Json),
            response => HubSpotBatchResultMapper.Map(operation, inputs, idProperty, call, response),
            cancellationToken);
    }

    /// <summary>The contact properties HubSpot knows, with types and enumeration options.</summary>
    public Task<IReadOnlyList<HubSpotPropertyInfo>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var call = new ApiCall("properties", Method.Get, PropertiesPath);
        return _executor.ExecuteAsync(
            _pipeline,
            call,
            () => new RestRequest(PropertiesPath.TrimStart('/')),
            response => HubSpotPropertiesReader.Read(call, response),
            cancellationToken);
    }

    public void Dispose()
    {
        _rest.Dispose();
        foreach (var limiter in _limiters)
        {
            limiter.Dispose();
        }
    }

    private async IAsyncEnumerable<CrmRecord> ListAsync(bool archived, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = new ApiCall(archived ? "list_archived" : "list", Method.Get, ContactsPath);
        var properties = string.Join(',', _options.Properties);
        string? after = null;
        do
        {
            var cursor = after;
            var page = await _executor.ExecuteAsync(
                _pipeline,
                call,
                () =>
                {
                    var request = new RestRequest(ContactsPath.TrimStart('/'))
                        .AddQueryParameter("limit", _options.ListPageSize.ToString(CultureInfo.InvariantCulture))
                        .AddQueryParameter("properties", properties)
                        .AddQueryParameter("archived", archived ? "true" : "false");
                    return (cursor is null ? request : request.AddQueryParameter("after", cursor)).KeepingBodyAsBytes();
                },
                response => ReadPage(call, response),
                cancellationToken).ConfigureAwait(false);

            foreach (var record in page.Records)
            {
                yield return record;
            }

            after = page.NextAfter;
        }
        while (after is not null);
    }

    private async IAsyncEnumerable<RecordWriteResult> WriteAsync(
        HubSpotBatchOperation operation, IEnumerable<HubSpotWriteInput> inputs, string? idProperty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var inFlight = new Dictionary<Task<IReadOnlyList<RecordWriteResult>>, HashSet<string>>();
        foreach (var batch in HubSpotBatchPlanner.Plan(inputs, _options.BatchSize, operation != HubSpotBatchOperation.Create))
        {
            var ids = batch.Where(i => i.Id is not null).Select(i => i.Id!).ToHashSet(StringComparer.OrdinalIgnoreCase);

            // Two writes to one record never race: a batch naming an id still in flight waits for it.
            while (inFlight.Count == _options.MaxConcurrentBatches || inFlight.Values.Any(flying => flying.Overlaps(ids)))
            {
                var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(false);
                inFlight.Remove(done);
                foreach (var result in await done.ConfigureAwait(false))
                {
                    yield return result;
                }
            }

            inFlight.Add(WriteBatchAsync(operation, batch, idProperty, cancellationToken), ids);
        }

        while (inFlight.Count > 0)
        {
            var done = await Task.WhenAny(inFlight.Keys).ConfigureAwait(false);
            inFlight.Remove(done);
            foreach (var result in await done.ConfigureAwait(false))
            {
                yield return result;
            }
        }
    }

    private static InterpretedResponse<HubSpotPage> ReadPage(ApiCall call, RestResponse response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw HubSpotFailures.For(call, response);
        }

        var reader = JsonResponseReader.For(HubSpotFailures.System, call, response);
        var page = HubSpotPageReader.Read(reader.JsonBody(response), reader);
        return new(page, page.Records.Count);
    }

    private static long ParseId(CrmRecord record, ApiCall call) =>
        long.TryParse(record.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new CrmMalformedResponseException(HubSpotFailures.System, call.Endpoint, 200, $"HubSpot {call.Endpoint} returned a contact whose id '{record.Id}' is not a number.");

    private RollingWindowRateLimiter? Limiter(RateLimitOptions options)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var limiter = new RollingWindowRateLimiter(options, _options.TimeProvider);
        _limiters.Add(limiter);
        return limiter;
    }

    private CrmResilienceOptions Resilience(HubSpotThrottling throttling, IReadOnlyList<RateLimiter> limiters) => new()
    {
        Retry = _options.Retry,
        TimeProvider = _options.TimeProvider,
        RateLimiters = limiters,
        IsTransient = HubSpotThrottling.IsTransient,
        ThrottleDelay = throttling.DelayAfter,
        Logger = _options.Logger,
    };
}
