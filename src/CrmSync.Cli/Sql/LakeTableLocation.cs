namespace CrmSync.Cli.Sql;

/// <summary>One Delta table found under the lake root: <c>&lt;lake&gt;/&lt;layer&gt;/&lt;name&gt;/_delta_log</c>.</summary>
public sealed record LakeTableLocation(string Layer, string Name, string Path)
{
    /// <summary>The name analysts write: <c>silver.contacts_unified</c>.</summary>
    public string QualifiedName => $"{Layer}.{Name}";

    /// <summary>Every table of the lake, ordered by layer then name; an absent lake has none.</summary>
    public static IReadOnlyList<LakeTableLocation> Discover(string lakeRoot)
    {
        if (!Directory.Exists(lakeRoot))
        {
            return [];
        }

        return Directory.EnumerateDirectories(lakeRoot)
            .SelectMany(layer => Directory.EnumerateDirectories(layer)
                .Where(table => Directory.Exists(System.IO.Path.Combine(table, "_delta_log")))
                .Select(table => new LakeTableLocation(System.IO.Path.GetFileName(layer), System.IO.Path.GetFileName(table), table)))
            .OrderBy(t => t.Layer, StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
