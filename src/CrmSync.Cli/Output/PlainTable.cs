using System.Text;

namespace CrmSync.Cli.Output;

/// <summary>
/// Renders rows as an aligned text table with a header rule; used when output is redirected
/// (CI, Databricks logs, files) where box-drawing and colour would be noise.
/// </summary>
public static class PlainTable
{
    public const string NullText = "NULL";

    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Cell(row, i).Length);
            }
        }

        var text = new StringBuilder();
        AppendLine(text, headers.Select((h, i) => h.PadRight(widths[i])));
        AppendLine(text, widths.Select(w => new string('-', w)));
        foreach (var row in rows)
        {
            AppendLine(text, widths.Select((w, i) => Cell(row, i).PadRight(w)));
        }

        return text.ToString();
    }

    private static string Cell(IReadOnlyList<string?> row, int index) =>
        index < row.Count ? Flatten(row[index] ?? NullText) : string.Empty;

    // A newline inside a value would break the alignment of every following row.
    private static string Flatten(string value) => value.ReplaceLineEndings(" ");

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells) =>
        text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
}
