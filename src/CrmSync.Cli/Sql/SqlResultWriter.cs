using System.Data.Common;
using System.Text;
using System.Text.Json;
using CrmSync.Cli.Output;

namespace CrmSync.Cli.Sql;

/// <summary>Prints every result set of a reader as an aligned table, CSV (RFC 4180) or a JSON array of objects.</summary>
public static class SqlResultWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static async Task<long> WriteAsync(DbDataReader reader, SqlOutputFormat format, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(console);
        long rows = 0;
        do
        {
            rows += format switch
            {
                SqlOutputFormat.Csv => await WriteCsvAsync(reader, console.Data, cancellationToken).ConfigureAwait(false),
                SqlOutputFormat.Json => await WriteJsonAsync(reader, console.Data, cancellationToken).ConfigureAwait(false),
                _ => await WriteTableAsync(reader, console, cancellationToken).ConfigureAwait(false),
            };
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return rows;
    }

    private static string[] ColumnNames(DbDataReader reader) =>
        Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();

    private static object?[] Values(DbDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] switch
            {
                // DuckDB.NET hands TIMESTAMPTZ over as an unspecified DateTime holding UTC (the session is in UTC).
                DateTime t when reader.GetDataTypeName(i) == "TimestampTz" => DateTime.SpecifyKind(t, DateTimeKind.Utc),
                Stream blob => ReadAll(blob),
                var other => other,
            };
        }

        return values;
    }

    private static byte[] ReadAll(Stream blob)
    {
        using var copy = new MemoryStream();
        blob.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<long> WriteTableAsync(DbDataReader reader, CliConsole console, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string?>>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Values(reader).Select(SqlValueText.ToText).ToArray());
        }

        console.Table(ColumnNames(reader), rows);
        return rows.Count;
    }

    private static async Task<long> WriteCsvAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(CsvLine(ColumnNames(reader))).ConfigureAwait(false);
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(CsvLine(Values(reader).Select(SqlValueText.ToText))).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static string CsvLine(IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        foreach (var cell in cells)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            line.Append(cell is not null && cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
                ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : cell);
        }

        return line.Append("\r\n").ToString();
    }

    private static async Task<long> WriteJsonAsync(DbDataReader reader, TextWriter output, CancellationToken cancellationToken)
    {
        var names = ColumnNames(reader);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = Values(reader);
            var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                row[names[i]] = SqlValueText.ToJsonValue(values[i]);
            }

            rows.Add(row);
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(rows, Json)).ConfigureAwait(false);
        return rows.Count;
    }
}
