using System.Text;

namespace CrmSync.Connectors.Dynamics;

/// <summary>
/// Builds the first URL of a contacts read: $select, and for watermark reads $filter=modifiedon ge
/// &lt;W&gt; with the stable $orderby=modifiedon asc,contactid asc (change tracking allows neither).
/// Option values are percent-encoded; literals are escaped by <see cref="ODataLiteral"/>.
/// </summary>
public static class DynamicsContactQuery
{
    public const string OrderBy = "modifiedon asc,contactid asc";

    public static Uri FirstPage(Uri serviceRoot, IReadOnlyList<string> columns, DynamicsReadMode mode, DateTimeOffset? modifiedSince)
    {
        ArgumentNullException.ThrowIfNull(serviceRoot);
        ArgumentNullException.ThrowIfNull(columns);
        var select = columns.Concat(["contactid", "modifiedon"]).Distinct(StringComparer.Ordinal);
        var url = new StringBuilder(serviceRoot.ToString()).Append("contacts?$select=").Append(Uri.EscapeDataString(string.Join(",", select)));
        if (mode == DynamicsReadMode.ModifiedOn)
        {
            if (modifiedSince is { } since)
                url.Append("&$filter=").Append(Uri.EscapeDataString("modifiedon ge " + ODataLiteral.FromDateTime(since)));
            url.Append("&$orderby=").Append(Uri.EscapeDataString(OrderBy));
        }
        return new Uri(url.ToString());
    }

    /// <summary>Contacts whose <paramref name="attribute"/> equals <paramref name="value"/>, the value escaped as a literal.</summary>
    public static Uri WhereEquals(Uri serviceRoot, IReadOnlyList<string> columns, string attribute, string value)
    {
        ArgumentNullException.ThrowIfNull(serviceRoot);
        ArgumentNullException.ThrowIfNull(columns);
        var select = columns.Concat(["contactid", "modifiedon"]).Distinct(StringComparer.Ordinal);
        return new Uri(new StringBuilder(serviceRoot.ToString())
            .Append("contacts?$select=").Append(Uri.EscapeDataString(string.Join(",", select)))
            .Append("&$filter=").Append(Uri.EscapeDataString($"{attribute} eq {ODataLiteral.Quote(value)}"))
            .Append("&$orderby=").Append(Uri.EscapeDataString(OrderBy))
            .ToString());
    }
}
