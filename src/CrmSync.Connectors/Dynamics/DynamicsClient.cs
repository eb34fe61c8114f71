using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.RateLimiting;
using CrmSync.Connectors.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using RestSharp;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Dataverse Web API v9.2 client for contacts: streaming incremental reads (modifiedon watermark or
/// change tracking), idempotent writes in $batch requests, option-set metadata. Every HTTP call goes
/// through one Polly pipeline (retry with backoff and Retry-After, concurrency cap, rolling
/// 5-minute request budget, per-attempt timeout) and is reported to the <see cref="IApiCallReporter"/>.
/// </summary>
public sealed class DynamicsClient : IDisposable
{
    public const string System = "dynamics";
    private const string ServicePath = "/api/data/v9.2/";
    private const string FormattedValues = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";

    private readonly DynamicsClientOptions _options;
    private readonly ILogger _logger;
    private readonly RestClient _http;
    private readonly ApiCallExecutor _executor;
    private readonly ResiliencePipeline<RestResponse> _pipeline;
    private readonly RateLimiter _concurrency;
    private readonly RollingWindowRateLimiter _requestBudget;
    private readonly DynamicsTokenProvider _tokens;
    private readonly Uri _serviceRoot;
    private readonly SemaphoreSlim _optionSetsLoad = new(1, 1);
    private DynamicsOptionSetMap? _optionSets;

    public DynamicsClient(DynamicsClientOptions options, IApiCallReporter? reporter = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _optionSets = options.OptionSets;
        _serviceRoot = new Uri(options.OrgUri, ServicePath);
        _http = new RestClient(new RestClientOptions
        {
            ThrowOnAnyError = false,
            Timeout = Timeout.InfiniteTimeSpan,
            // Any HTTP answer is a completed call (RestSharp's default calls 4xx/5xx "Error", which would read as "no response").
            CalculateResponseStatus = _ => ResponseStatus.Completed,
        });
        _executor = new ApiCallExecutor(System, _http, reporter ?? NullApiCallReporter.Instance, options.TimeProvider, _logger,
            CorrelationIdOf, response => DynamicsServiceError.Read(response.RawBytes).Code);

        // Concurrency outside the rolling budget: a request takes its budget slot only when it is
        // about to be sent, so the client's window matches the one the server sees.
        _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _requestBudget = new RollingWindowRateLimiter(options.RateLimit, options.TimeProvider);
        _pipeline = CrmResiliencePipeline.Create(new CrmResilienceOptions
        {
            Retry = options.Retry,
            TimeProvider = options.TimeProvider,
            RateLimiters = options.RateLimit.Enabled ? [_concurrency, _requestBudget] : [_concurrency],
            ThrottleDelay = (_, attempt) => options.ThrottleFallbackDelay * Math.Pow(2, attempt - 1),
            Logger = _logger,
        });
        var tokenPipeline = CrmResiliencePipeline.Create(new CrmResilienceOptions { Retry = options.Retry, TimeProvider = options.TimeProvider, Logger = _logger });
        _tokens = new DynamicsTokenProvider(options, _executor, tokenPipeline);
    }

    /// <summary>
    /// Reads contacts changed since <paramref name="cursor"/> (null = everything), page by page.
    /// Watermark mode re-reads rows at the watermark (modifiedon ge), so nothing written in the same
    /// second is missed. Change-tracking mode follows the delta link; when the service says the
    /// token expired (or is invalid) it logs that and reads everything again (IsFullRead = true).
    /// </summary>
    public async IAsyncEnumerable<DynamicsContactPage> ReadContactsAsync(
        DynamicsReadCursor? cursor,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tracking = _options.ReadMode == DynamicsReadMode.ChangeTracking;
        var resumeDelta = tracking && cursor?.DeltaLink is not null;
        var isFullRead = !resumeDelta && (tracking || cursor?.ModifiedSince is null);
        var url = resumeDelta
            ? new Uri(cursor!.DeltaLink!)
            : DynamicsContactQuery.FirstPage(_serviceRoot, _options.Columns, _options.ReadMode, tracking ? null : cursor?.ModifiedSince);
        var watermark = tracking ? null : cursor?.ModifiedSince;

        while (true)
        {
            var page = await ReadPageAsync(url, tracking, allowExpiredDelta: resumeDelta, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                // The delta token expired: start over with a full change-tracking read.
                resumeDelta = false;
                isFullRead = true;
                url = DynamicsContactQuery.FirstPage(_serviceRoot, _options.Columns, _options.ReadMode, null);
                continue;
            }
            resumeDelta = false;
            foreach (var record in page.Records)
                if (!record.IsDeleted && (watermark is null || record.ModifiedAt > watermark)) watermark = record.ModifiedAt;

            if (page.NextLink is not null)
            {
                yield return new DynamicsContactPage(page.Records, null, isFullRead);
                url = page.NextLink;
                continue;
            }

            var next = tracking
                ? DynamicsReadCursor.Delta(page.DeltaLink!)
                : DynamicsReadCursor.Watermark(watermark ?? DateTimeOffset.UnixEpoch);
            yield return new DynamicsContactPage(page.Records, next, isFullRead);
            yield break;
        }
    }

    /// <summary>Contacts whose emailaddress1 equals <paramref name="email"/> (Dataverse allows several; compared case-insensitively).</summary>
    public async Task<IReadOnlyList<CrmRecord>> FindContactsByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var found = new List<CrmRecord>();
        Uri? url = DynamicsContactQuery.WhereEquals(_serviceRoot, _options.Columns, "emailaddress1", email);
        while (url is not null)
        {
            var page = await ReadPageAsync(url, tracking: false, allowExpiredDelta: false, cancellationToken).ConfigureAwait(false);
            found.AddRange(page!.Records);
            url = page.NextLink;
        }
        return found;
    }

    /// <summary>
    /// Writes contacts in $batch requests of <see cref="DynamicsClientOptions.BatchSize"/> operations:
    /// creates as PATCH contacts(id) + If-None-Match: * (a 412 "already exists" on a retry is a
    /// success), updates as PATCH contacts(id) + If-Match: *. Returns one result per input, in input
    /// order. Per-record rejections (4xx) are results, not exceptions; a batch that still fails
    /// after every retry gives retryable failures for its records.
    /// </summary>
    public async Task<IReadOnlyList<RecordWriteResult>> WriteContactsAsync(IReadOnlyList<DynamicsContactWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new RecordWriteResult[writes.Count];
        if (writes.Count == 0) return results;
        var optionSets = await GetOptionSetsAsync(cancellationToken).ConfigureAwait(false);

        var prepared = new List<(int Index, string Body)>(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                prepared.Add((i, DynamicsWritePayload.Build(writes[i], optionSets, _options.Lookups)));
            }
            catch (ArgumentException e)
            {
                results[i] = RecordWriteResult.Failure(writes[i].InputKey, writes[i].ContactId.ToString("D"), null, "INVALID_VALUE", e.Message, retryable: false);
            }
        }

        var chunks = prepared.Chunk(_options.BatchSize).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = _options.WriteParallelism, CancellationToken = cancellationToken },
            async (chunk, token) => await WriteBatchAsync(writes, chunk, results, token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Picklist labels and codes: from configuration, else from the metadata endpoint (loaded once).</summary>
    public async Task<DynamicsOptionSetMap> GetOptionSetsAsync(CancellationToken cancellationToken = default)
    {
        if (_optionSets is { } known) return known;
        await _optionSetsLoad.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_optionSets is { } loaded) return loaded;
            var url = new Uri(_serviceRoot,
                "EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet");
            var call = new ApiCall("metadata", Method.Get, url.AbsolutePath);
            _optionSets = await SendAsync(call, token => NewRequest(url, Method.Get, token), response => DynamicsOptionSetMetadataReader.Read(call, response), cancellationToken)
                .ConfigureAwait(false);
            return _optionSets;
        }
        finally
        {
            _optionSetsLoad.Release();
        }
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _optionSetsLoad.Dispose();
        _concurrency.Dispose();
        _requestBudget.Dispose();
        _http.Dispose();
    }

    private async Task WriteBatchAsync(IReadOnlyList<DynamicsContactWrite> writes, (int Index, string Body)[] chunk, RecordWriteResult[] results, CancellationToken cancellationToken)
    {
        var operations = chunk.Select((p, n) => new DynamicsBatchRequestWriter.Operation(n + 1, writes[p.Index].ContactId, writes[p.Index].IsCreate, p.Body)).ToList();
        var (contentType, body) = DynamicsBatchRequestWriter.Write(ServicePath, operations, _options.ChangeSetSize, Guid.NewGuid().ToString("N"));
        var url = new Uri(_serviceRoot, "$batch");
        var call = new ApiCall("batch", Method.Post, url.AbsolutePath, operations.Count);
        List<DynamicsBatchResponseReader.PartAnswer> answers;
        try
        {
            answers = await SendAsync(call, token =>
            {
                var request = NewRequest(url, Method.Post, token);
                request.AddHeader("Prefer", "odata.continue-on-error");
                // StringContent rejects parameters in its media type; the full header carries the boundary.
                request.AddStringBody(body, "multipart/mixed");
                request.AddHeader("Content-Type", contentType);
                return request;
            }, response => ReadBatch(call, response), cancellationToken).ConfigureAwait(false);
        }
        catch (CrmTransientException e)
        {
            foreach (var (index, _) in chunk)
                results[index] = RecordWriteResult.Failure(writes[index].InputKey, writes[index].ContactId.ToString("D"), e.Status, e.ErrorCode, e.Message, retryable: true);
            return;
        }

        var mapped = DynamicsBatchResultMapper.Map([.. chunk.Select(p => writes[p.Index])], _options.ChangeSetSize, answers);
        for (var n = 0; n < chunk.Length; n++) results[chunk[n].Index] = mapped[n];
    }

    private async Task<ContactsPage?> ReadPageAsync(Uri url, bool tracking, bool allowExpiredDelta, CancellationToken cancellationToken)
    {
        var call = new ApiCall(tracking ? "read_changes" : "read", Method.Get, url.AbsolutePath);
        try
        {
            return await SendAsync(call, token =>
            {
                var request = NewRequest(url, Method.Get, token);
                var prefer = $"odata.maxpagesize={_options.PageSize.ToString(CultureInfo.InvariantCulture)},{FormattedValues}";
                request.AddHeader("Prefer", tracking ? "odata.track-changes," + prefer : prefer);
                return request.KeepingBodyAsBytes();
            }, response => ReadContactsPage(call, response, tracking), cancellationToken).ConfigureAwait(false);
        }
        catch (CrmRequestRejectedException e) when (allowExpiredDelta && new DynamicsServiceError(e.ErrorCode, e.Message).IsExpiredDeltaToken)
        {
            _logger.DeltaTokenExpired(e.ErrorCode, e.Message);
            return null;
        }
    }

    private InterpretedResponse<ContactsPage> ReadContactsPage(ApiCall call, RestResponse response, bool tracking)
    {
        DynamicsResponseFailure.ThrowIfFailed(call, response);
        var reader = JsonResponseReader.For(System, call, response);
        var (records, nextLink, deltaLink) = DynamicsPageReader.Read(reader.JsonBody(response), reader, _options.TimeProvider.GetUtcNow());
        if (tracking && nextLink is null && deltaLink is null)
            throw reader.Malformed("the last change-tracking page has no @odata.deltaLink");
        return new InterpretedResponse<ContactsPage>(
            new ContactsPage(records, nextLink is null ? null : new Uri(nextLink), deltaLink), records.Count);
    }

    private static InterpretedResponse<List<DynamicsBatchResponseReader.PartAnswer>> ReadBatch(ApiCall call, RestResponse response)
    {
        DynamicsResponseFailure.ThrowIfFailed(call, response);
        var reader = JsonResponseReader.For(System, call, response);
        // The boundary is a parameter of the full header; ContentType alone is just the media type.
        var contentType = response.ContentHeaders?.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))?.Value
            ?? response.ContentType;
        var answers = DynamicsBatchResponseReader.Read(contentType, response.Content ?? "", problem => reader.Malformed(problem));
        return new InterpretedResponse<List<DynamicsBatchResponseReader.PartAnswer>>(answers, answers.Count);
    }

    /// <summary>Sends with the cached token; on 401 fetches a new token and tries exactly once more.</summary>
    private async Task<T> SendAsync<T>(ApiCall call, Func<string, RestRequest> build, Func<RestResponse, InterpretedResponse<T>> interpret, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _executor.ExecuteAsync(_pipeline, call, () => build(token), interpret, cancellationToken).ConfigureAwait(false);
        }
        catch (CrmAuthenticationException e) when (e.Status == 401)
        {
            _logger.TokenRejected(call.Endpoint);
            _tokens.Invalidate(token);
            var fresh = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return await _executor.ExecuteAsync(_pipeline, call, () => build(fresh), interpret, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RestRequest NewRequest(Uri url, Method method, string token)
    {
        var request = new RestRequest(url, method);
        request.AddHeader("Authorization", "Bearer " + token);
        request.AddHeader("OData-Version", "4.0");
        request.AddHeader("OData-MaxVersion", "4.0");
        request.AddHeader("Accept", "application/json");
        return request;
    }

    private static string? CorrelationIdOf(RestResponse response) =>
        response.Headers?.FirstOrDefault(h => h.Name.Equals("x-ms-service-request-id", StringComparison.OrdinalIgnoreCase)
                                              || h.Name.Equals("REQ_ID", StringComparison.OrdinalIgnoreCase))?.Value;

    private sealed record ContactsPage(List<CrmRecord> Records, Uri? NextLink, string? DeltaLink);
}
