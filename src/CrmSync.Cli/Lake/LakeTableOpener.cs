using System.Text.RegularExpressions;
using CrmSync.Cli.Hosting;
using CrmSync.Lake;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Lake;

/// <summary>
/// Opens a Delta table named on the command line: a folder holding a _delta_log, or
/// <c>layer.table</c> under the lake root (<c>silver.contacts_unified</c>).
/// </summary>
public static partial class LakeTableOpener
{
    public static string ResolvePath(string table, string lakeRoot)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!Directory.Exists(table) && QualifiedName().Match(table) is { Success: true } name)
        {
            return Path.Combine(lakeRoot, name.Groups["layer"].Value, name.Groups["table"].Value);
        }

        return Path.GetFullPath(table);
    }

    public static async Task<DeltaTable> OpenAsync(string tablePath, TimeTravel? asOf, DeltaTableOptions? options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(tablePath, "_delta_log")))
        {
            throw new CliUsageException(
                $"no Delta table at {tablePath} (it has no _delta_log folder)",
                "pass the folder of a Delta table (e.g. lake/silver/contacts_unified) or layer.table with --lake");
        }

        // The store is rooted at the table folder itself, so nothing outside it is ever touched.
        var store = new LocalFileSystemStore(tablePath);
        return asOf switch
        {
            { Version: { } version } => await DeltaTable.OpenAtVersionAsync(store, "", version, options, cancellationToken).ConfigureAwait(false),
            { Timestamp: { } timestamp } => await DeltaTable.OpenAsOfAsync(store, "", timestamp, options, cancellationToken).ConfigureAwait(false),
            _ => await DeltaTable.OpenAsync(store, "", options, cancellationToken).ConfigureAwait(false),
        };
    }

    [GeneratedRegex(@"^(?<layer>[A-Za-z_][A-Za-z0-9_]*)\.(?<table>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex QualifiedName();
}
