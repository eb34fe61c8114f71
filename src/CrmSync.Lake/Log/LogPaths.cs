using System.Globalization;

namespace CrmSync.Lake.Log;

/// <summary>Names of the files in <c>_delta_log</c>: commits, checkpoints (single and multi-part), _last_checkpoint.</summary>
internal static class LogPaths
{
    public const string LogDirectoryName = "_delta_log";

    public static string LogPrefix(string tablePath) => Join(tablePath, LogDirectoryName) + "/";

    public static string CommitKey(string tablePath, long version) =>
        LogPrefix(tablePath) + version.ToString("D20", CultureInfo.InvariantCulture) + ".json";

    public static string CheckpointKey(string tablePath, long version) =>
        LogPrefix(tablePath) + version.ToString("D20", CultureInfo.InvariantCulture) + ".checkpoint.parquet";

    public static string CheckpointPartKey(string tablePath, long version, int part, int parts) =>
        LogPrefix(tablePath) + string.Create(CultureInfo.InvariantCulture, $"{version:D20}.checkpoint.{part:D10}.{parts:D10}.parquet");

    public static string LastCheckpointKey(string tablePath) => LogPrefix(tablePath) + "_last_checkpoint";

    /// <summary>Joins a table path and a relative path with '/'; an empty table path means the store root.</summary>
    public static string Join(string tablePath, string relative) =>
        tablePath.Length == 0 ? relative : tablePath.TrimEnd('/') + "/" + relative;

    /// <summary>Classifies a log file name; returns false for anything else (crc files, temp files, _last_checkpoint).</summary>
    public static bool TryParse(string fileName, out LogFileName parsed)
    {
        parsed = default;
        if (fileName.Length < 20 || !long.TryParse(fileName.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return false;
        var rest = fileName.AsSpan(20);
        if (rest.SequenceEqual(".json"))
        {
            parsed = new LogFileName(version, LogFileKind.Commit, 1, 1);
            return true;
        }

        if (rest.SequenceEqual(".checkpoint.parquet"))
        {
            parsed = new LogFileName(version, LogFileKind.Checkpoint, 1, 1);
            return true;
        }

        // <v>.checkpoint.<part:10>.<parts:10>.parquet
        var parts = rest.ToString().Split('.');
        if (parts.Length == 5 && parts[1] == "checkpoint" && parts[4] == "parquet"
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            parsed = new LogFileName(version, LogFileKind.Checkpoint, part, count);
            return true;
        }

        return false;
    }
}

internal enum LogFileKind
{
    Commit,
    Checkpoint,
}

internal readonly record struct LogFileName(long Version, LogFileKind Kind, int Part, int Parts);
