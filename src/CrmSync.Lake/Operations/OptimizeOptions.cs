using System.Globalization;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Log;

namespace CrmSync.Lake.Operations;

/// <summary>What OPTIMIZE (bin-packing compaction) rewrites: per partition, the files smaller than the target size and the
/// files whose deletion vector hides at least <see cref="DeletedRowsRatio"/> of their rows, packed into files of about
/// the target size.</summary>
public sealed class OptimizeOptions
{
    /// <summary>Table property naming the target size in bytes (Databricks' name; a number, optionally with kb, mb or gb).</summary>
    public const string TargetFileSizeProperty = "delta.targetFileSize";

    /// <summary>128 MiB: a 1M-contact silver table (about 140 MB) compacts to one or two files, and a file stays small
    /// enough to rewrite in seconds. Databricks autotunes to 256 MB for tables under 2.5 TB; delta-rs uses 100 MB.</summary>
    public const long DefaultTargetFileSize = 128L * 1024 * 1024;

    /// <summary>Delta's <c>spark.databricks.delta.optimize.maxDeletedRowsRatio</c> default: a file whose deletion vector
    /// hides 5% of its rows or more is rewritten even when it is large, so lookups stop reading dead rows.</summary>
    public const double DefaultDeletedRowsRatio = 0.05;

    /// <summary>Bytes per output file, and the size under which a file is a compaction candidate. Null: the table's
    /// <see cref="TargetFileSizeProperty"/>, else <see cref="DefaultTargetFileSize"/>.</summary>
    public long? TargetFileSize { get; init; }

    /// <summary>Share of a file's rows its deletion vector must hide for the file to be rewritten whatever its size
    /// (0 &lt; ratio &lt;= 1).</summary>
    public double DeletedRowsRatio { get; init; } = DefaultDeletedRowsRatio;

    /// <summary>OPTIMIZE WHERE: only partitions matching this predicate on partition columns.</summary>
    public Expr? PartitionFilter { get; init; }

    /// <summary>Plans only: nothing is written or committed; the result counts the files and bytes that would be removed,
    /// and one added file per bin.</summary>
    public bool DryRun { get; init; }

    /// <summary>Extra commitInfo entries, recorded as userMetadata.</summary>
    public IReadOnlyDictionary<string, string>? CommitMetadata { get; init; }

    internal long ResolveTargetFileSize(Snapshot snapshot)
    {
        if (TargetFileSize is { } explicitSize)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(explicitSize, 1, nameof(TargetFileSize));
            return explicitSize;
        }

        if (!snapshot.Configuration.TryGetValue(TargetFileSizeProperty, out var text) || string.IsNullOrWhiteSpace(text))
            return DefaultTargetFileSize;
        return ParseSize(text) ?? throw new InvalidOperationException(
            $"Table '{snapshot.TablePath}': property {TargetFileSizeProperty}='{text}' is not a size in bytes (e.g. 134217728 or 128mb).");
    }

    internal void Validate()
    {
        if (!(DeletedRowsRatio > 0 && DeletedRowsRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(DeletedRowsRatio), DeletedRowsRatio, "The deleted rows ratio must be above 0 and at most 1.");
    }

    /// <summary>Bytes from "134217728", "128mb", "1gb", "512kb" (case-insensitive); null when not a positive size.</summary>
    public static long? ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        long unit = 1;
        foreach (var (suffix, bytes) in new[] { ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10), ("b", 1L) })
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^suffix.Length].TrimEnd();
                unit = bytes;
                break;
            }
        }

        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 && number <= long.MaxValue / unit
            ? number * unit
            : null;
    }
}
