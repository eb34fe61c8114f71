using System.Globalization;
using CrmSync.Lake.Operations;

namespace CrmSync.Cli.Lake;

/// <summary>The rows `crmsync lake history` and `describe` print, built from the Lake's own records.</summary>
public static class TableReport
{
    public static readonly string[] HistoryHeaders = ["version", "timestamp", "operation", "operation parameters", "metrics"];

    public static IReadOnlyList<IReadOnlyList<string?>> History(IEnumerable<HistoryEntry> entries) =>
        entries.Select(entry => (IReadOnlyList<string?>)
        [
            entry.Version.ToString(CultureInfo.InvariantCulture),
            Timestamp(entry.Timestamp),
            entry.Operation,
            Pairs(entry.OperationParameters),
            Pairs(entry.OperationMetrics),
        ]).ToList();

    public static IReadOnlyList<IReadOnlyList<string?>> Details(TableDetails details, string location)
    {
        ArgumentNullException.ThrowIfNull(details);
        var features = details.ReaderFeatures.Concat(details.WriterFeatures).Distinct(StringComparer.Ordinal).ToList();
        return
        [
            ["location", location],
            ["id", details.Id],
            ["version", details.Version.ToString(CultureInfo.InvariantCulture)],
            ["created", details.CreatedTime is { } created ? Timestamp(created) : null],
            ["partition columns", details.PartitionColumns.Count == 0 ? "(none)" : string.Join(", ", details.PartitionColumns)],
            ["properties", details.Configuration.Count == 0 ? "(none)" : string.Join(", ", details.Configuration.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))],
            ["protocol", string.Create(CultureInfo.InvariantCulture, $"reader {details.MinReaderVersion}, writer {details.MinWriterVersion}") + (features.Count == 0 ? "" : $" ({string.Join(", ", features)})")],
            ["files", details.NumFiles.ToString(CultureInfo.InvariantCulture)],
            ["size", $"{ByteSize.Format(details.SizeInBytes)} ({details.SizeInBytes.ToString(CultureInfo.InvariantCulture)} bytes)"],
            ["last checkpoint", details.LastCheckpointVersion?.ToString(CultureInfo.InvariantCulture) ?? "(none)"],
        ];
    }

    public static IReadOnlyList<IReadOnlyList<string?>> Schema(TableDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return details.Schema.Fields
            .Select(field => (IReadOnlyList<string?>)[field.Name, field.Type.SimpleString, field.Nullable ? "yes" : "no"])
            .ToList();
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Pairs(IReadOnlyDictionary<string, string> pairs) =>
        string.Join(", ", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
