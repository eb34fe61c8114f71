namespace CrmSync.Connectors.Common;

/// <summary>Discards reports; the default when a caller does not audit calls.</summary>
public sealed class NullApiCallReporter : IApiCallReporter
{
    public static readonly NullApiCallReporter Instance = new();

    public void Report(ApiCallReport report)
    {
    }
}
