using System.Globalization;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Formats values as OData URL literals. Strings are single-quoted with inner quotes doubled, so
/// no value can end the literal and change the query; the caller still percent-encodes the whole
/// option value.
/// </summary>
public static class ODataLiteral
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static string FromDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
