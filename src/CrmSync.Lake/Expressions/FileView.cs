using System.Data.SqlTypes;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmSync.Lake.KeyIndex;
using CrmSync.Lake.Protocol;

namespace CrmSync.Lake.Expressions;

/// <summary>What file skipping knows about one data file: exact partition values, min/max/null-count stats and, when the
/// caller loaded them, the file's key filters. Loading is the caller's (a scan's) business: expressions do no I/O.</summary>
public sealed class FileView
{
    private readonly AddFile _file;
    private readonly StructType _schema;
    private readonly IReadOnlyList<string> _partitionColumns;
    private readonly FileKeyIndex _keyIndex;
    private readonly IReadOnlyList<string> _keyIndexFollows;

    public FileView(AddFile file, StructType schema, IReadOnlyList<string> partitionColumns)
        : this(file, schema, partitionColumns, FileKeyIndex.None)
    {
    }

    /// <param name="keyIndexFollows">Columns whose key filters the caller checks next for this file (it loads them only for
    /// a file that passes this check).</param>
    internal FileView(AddFile file, StructType schema, IReadOnlyList<string> partitionColumns, FileKeyIndex keyIndex,
        IReadOnlyList<string>? keyIndexFollows = null)
    {
        _file = file;
        _schema = schema;
        _partitionColumns = partitionColumns;
        _keyIndex = keyIndex;
        _keyIndexFollows = keyIndexFollows ?? [];
    }

    public AddFile File => _file;

    public StructType Schema => _schema;

    /// <summary>True when the column is a partition column; <paramref name="value"/> is then its typed value.</summary>
    public bool TryGetPartitionValue(string column, out object? value)
    {
        foreach (var p in _partitionColumns)
        {
            if (string.Equals(p, column, StringComparison.OrdinalIgnoreCase))
            {
                var key = _file.PartitionValues.Keys.FirstOrDefault(k => string.Equals(k, p, StringComparison.OrdinalIgnoreCase));
                var text = key is null ? null : _file.PartitionValues[key];
                value = PartitionValueCodec.Parse(text, _schema[p].Type, p);
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Lower and upper bounds of the non-null values, converted to the column's CLR type; false when unknown.</summary>
    public bool TryGetBounds(string column, DataType type, out object min, out object max)
    {
        min = max = null!;
        var stats = _file.ParsedStats;
        if (stats is null)
            return false;
        var path = column.Split('.');
        var minNode = FileStats.Lookup(stats.MinValues, path);
        var maxNode = FileStats.Lookup(stats.MaxValues, path);
        if (minNode is not JsonValue || maxNode is not JsonValue)
            return false;
        var parsedMin = ParseStat((JsonValue)minNode, type, upperBound: false);
        var parsedMax = ParseStat((JsonValue)maxNode, type, upperBound: true);
        if (parsedMin is null || parsedMax is null)
            return false;
        min = parsedMin;
        max = parsedMax;
        return true;
    }

    /// <summary>The file's key hashes of a top-level column, or null when none was loaded (any key might be in the file).</summary>
    internal KeyHashSet? KeyHashes(string column) => _keyIndex.KeysFor(column);

    /// <summary>True when the file's key filter of <paramref name="column"/> is loaded or is checked next. Key filters are
    /// exact sets of key hashes, so a check finer than min/max (which literals fall between them) excludes nothing more.</summary>
    internal bool KeyFilterDecides(string column) =>
        _keyIndex.KeysFor(column) is not null || _keyIndexFollows.Contains(column, StringComparer.OrdinalIgnoreCase);

    public long? NullCount(string column) =>
        _file.ParsedStats is { } stats && FileStats.Lookup(stats.NullCount, column.Split('.')) is JsonValue v
        && v.TryGetValue<long>(out var n) ? n : null;

    public long? NumRecords => _file.ParsedStats?.NumRecords;

    private static object? ParseStat(JsonValue node, DataType type, bool upperBound)
    {
        try
        {
            if (type == PrimitiveType.String)
                return node.TryGetValue<string>(out var s) ? s : null;
            if (type == PrimitiveType.Long) return node.GetValue<long>();
            if (type == PrimitiveType.Integer) return node.GetValue<int>();
            if (type == PrimitiveType.Short) return node.GetValue<short>();
            if (type == PrimitiveType.Byte) return node.GetValue<sbyte>();
            if (type == PrimitiveType.Double) return node.GetValue<double>();
            if (type == PrimitiveType.Float) return node.GetValue<float>();
            if (type == PrimitiveType.Date)
                return DateOnly.ParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (type == PrimitiveType.Timestamp)
            {
                // Stats hold milliseconds; Spark truncates the max down, so widen it by 1 ms to keep an upper bound.
                var t = DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
                return upperBound ? t.AddMilliseconds(1) : t;
            }

            if (type == PrimitiveType.TimestampNtz)
            {
                var t = DateTime.SpecifyKind(DateTime.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeKind.Unspecified);
                return upperBound ? t.AddMilliseconds(1) : t;
            }

            if (type is DecimalType)
                return SqlDecimal.Parse(node.ToJsonString().Trim('"'));
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or SqlTypeException)
        {
            return null;
        }
    }
}
