namespace CrmSync.Connectors.Common;

/// <summary>Receives one report per HTTP call a client makes (including retries and token calls).</summary>
public interface IApiCallReporter
{
    void Report(ApiCallReport report);
}
