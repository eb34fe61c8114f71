using System.Globalization;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>What one ingest execution reads: records modified in [From, To] (From null = everything), or from a
/// change-tracking cursor. Stored with the RUNNING row so a resumed execution reads the same window.</summary>
internal sealed record IngestWindow(DateTimeOffset? From, DateTimeOffset To, string? Cursor, int? MaxRecords, int BatchSize)
{
    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["to"] = To.ToString("O", CultureInfo.InvariantCulture),
            ["batch_size"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        };
        if (From is { } from)
        {
            parameters["from"] = from.ToString("O", CultureInfo.InvariantCulture);
        }

        if (Cursor is not null)
        {
            parameters["cursor"] = Cursor;
        }

        if (MaxRecords is { } max)
        {
            parameters["max_records"] = max.ToString(CultureInfo.InvariantCulture);
        }

        return parameters;
    }

    public static IngestWindow FromParameters(IReadOnlyDictionary<string, string> parameters) => new(
        parameters.TryGetValue("from", out var from) ? DateTimeOffset.Parse(from, CultureInfo.InvariantCulture) : null,
        DateTimeOffset.Parse(parameters["to"], CultureInfo.InvariantCulture),
        parameters.GetValueOrDefault("cursor"),
        parameters.TryGetValue("max_records", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : null,
        int.Parse(parameters["batch_size"], CultureInfo.InvariantCulture));
}
