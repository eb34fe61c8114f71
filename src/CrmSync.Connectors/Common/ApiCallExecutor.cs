using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using RestSharp;

namespace CrmSync.Connectors.Common;

/// <summary>
/// Runs one logical call through a resilience pipeline, reporting every attempt (retries included)
/// to the <see cref="IApiCallReporter"/>, and turns exhausted transport failures and timeouts into
/// <see cref="CrmTransientException"/>. The final response is interpreted by the caller; its report is
/// sent once the record count (or the failure's error code) is known.
/// </summary>
public sealed class ApiCallExecutor
{
    private readonly string _system;
    private readonly IRestClient _client;
    private readonly IApiCallReporter _reporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<RestResponse, string?> _correlationIdOf;
    private readonly Func<RestResponse, string?> _errorCodeOf;

    /// <param name="correlationIdOf">The service's request id from a response, if it sends one.</param>
    /// <param name="errorCodeOf">The service's error code or category of a failed response, for reports of retried attempts.</param>
    public ApiCallExecutor(
        string system,
        IRestClient client,
        IApiCallReporter reporter,
        TimeProvider time,
        ILogger logger,
        Func<RestResponse, string?> correlationIdOf,
        Func<RestResponse, string?> errorCodeOf)
    {
        _system = system;
        _client = client;
        _reporter = reporter;
        _time = time;
        _logger = logger;
        _correlationIdOf = correlationIdOf;
        _errorCodeOf = errorCodeOf;
    }

    public async Task<T> ExecuteAsync<T>(
        ResiliencePipeline<RestResponse> pipeline,
        ApiCall call,
        Func<RestRequest> createRequest,
        Func<RestResponse, InterpretedResponse<T>> interpret,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentNullException.ThrowIfNull(interpret);

        var attempt = 0;
        PendingReport? pending = null;
        RestResponse response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async token =>
                {
                    // A new attempt means the previous one was retried: its report is final now.
                    if (pending is { } previous)
                    {
                        Emit(call, previous, call.RecordsSent, previous.ErrorCode);
                        pending = null;
                    }

                    attempt++;
                    var started = _time.GetTimestamp();
                    try
                    {
                        var result = await _client.ExecuteAsync(createRequest(), token).ConfigureAwait(false);
                        token.ThrowIfCancellationRequested();
                        var completed = result.IsAnswered();
                        pending = new PendingReport(
                            completed ? (int)result.StatusCode : null,
                            _time.GetElapsedTime(started),
                            attempt,
                            _correlationIdOf(result) ?? NewCorrelationId(),
                            completed ? (result.IsSuccessStatusCode ? null : _errorCodeOf(result)) : "CONNECTION_FAILED");
                        return result;
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        var code = cancellationToken.IsCancellationRequested ? "CANCELLED" : "TIMEOUT";
                        Emit(call, new PendingReport(null, _time.GetElapsedTime(started), attempt, NewCorrelationId(), code), call.RecordsSent, code);
                        throw;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException)
                    {
                        Emit(call, new PendingReport(null, _time.GetElapsedTime(started), attempt, NewCorrelationId(), "CONNECTION_FAILED"), call.RecordsSent, "CONNECTION_FAILED");
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new CrmTransientException(_system, call.Endpoint, null, "CONNECTION_FAILED", $"{_system} {call.Endpoint} got no response after {attempt} attempt(s): {ex.GetType().Name}.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new CrmTransientException(_system, call.Endpoint, null, "TIMEOUT", $"{_system} {call.Endpoint} timed out on all {attempt} attempt(s).", ex);
        }

        var final = pending!.Value;
        if (!response.IsAnswered())
        {
            Emit(call, final, call.RecordsSent, final.ErrorCode);
            throw new CrmTransientException(
                _system,
                call.Endpoint,
                null,
                "CONNECTION_FAILED",
                $"{_system} {call.Endpoint} got no response after {attempt} attempt(s): {response.ErrorException?.GetType().Name ?? response.ResponseStatus.ToString()}.",
                response.ErrorException);
        }

        try
        {
            var interpreted = interpret(response);
            Emit(call, final, Math.Max(interpreted.Records, call.RecordsSent), final.ErrorCode);
            return interpreted.Value;
        }
        catch (CrmApiException ex)
        {
            Emit(call, final, call.RecordsSent, ex.ErrorCode ?? final.ErrorCode);
            throw;
        }
    }

    private void Emit(ApiCall call, PendingReport report, int records, string? errorCode)
    {
        var method = call.Method.ToString().ToUpperInvariant();
        _logger.CallCompleted(_system, method, call.Path, report.Status, report.Latency, report.Attempt, report.CorrelationId);
        _reporter.Report(new ApiCallReport(_system, call.Operation, method, call.Path, report.Status, records, report.Latency, report.Attempt, report.CorrelationId, errorCode));
    }

    private static string NewCorrelationId() => ActivityTraceId.CreateRandom().ToHexString();

    private readonly record struct PendingReport(int? Status, TimeSpan Latency, int Attempt, string CorrelationId, string? ErrorCode);
}
