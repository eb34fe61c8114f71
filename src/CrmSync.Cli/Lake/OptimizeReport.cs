using System.Globalization;
using CrmSync.Lake.Operations;

namespace CrmSync.Cli.Lake;

/// <summary>What an OPTIMIZE did (or would do) to one table, for the console: files and bytes before and after.</summary>
public static class OptimizeReport
{
    public static IEnumerable<string> Lines(OptimizeResult result, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.FilesRemoved == 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"nothing to compact: {result.FilesBefore} files ({ByteSize.Format(result.BytesBefore)}), version {result.Commit.Version}");
            yield break;
        }

        if (dryRun)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"dry run: would compact {result.FilesRemoved} files ({ByteSize.Format(result.BytesRemoved)}) in {result.PartitionsOptimized} partition(s) into {result.FilesAdded}: files {result.FilesBefore} -> {result.FilesAfter}");
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"optimized at version {result.Commit.Version}: {result.FilesRemoved} files ({ByteSize.Format(result.BytesRemoved)}) in {result.PartitionsOptimized} partition(s) rewritten as {result.FilesAdded} ({ByteSize.Format(result.BytesAdded)}); {result.RowsWritten} rows kept, {result.DeletedRowsDropped} deleted rows dropped");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"files {result.FilesBefore} -> {result.FilesAfter}, bytes {ByteSize.Format(result.BytesBefore)} -> {ByteSize.Format(result.BytesAfter)}");
    }
}
