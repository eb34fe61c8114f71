using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// The $skiptoken the emulator puts in @odata.nextLink: an XML-ish paging cookie like Dataverse's
/// (&lt;cookie pagenumber="2" .../&gt;), opaque to clients, which must follow the link as given.
/// It resumes after a key (index order), at an offset (other orders) or inside a delta read.
/// </summary>
internal sealed partial record DynamicsPagingCookie(int PageNumber, string Kind, string Position)
{
    public const string AfterKey = "last";
    public const string AtOffset = "offset";
    public const string InDelta = "delta";

    public override string ToString() => $"<cookie pagenumber=\"{PageNumber.ToString(CultureInfo.InvariantCulture)}\" {Kind}=\"{Position}\" />";

    public static DynamicsPagingCookie Parse(string skipToken)
    {
        var match = CookiePattern().Match(skipToken);
        if (!match.Success)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The $skiptoken is not a valid paging cookie.");
        return new DynamicsPagingCookie(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, match.Groups[3].Value);
    }

    public static string KeyOf(DynamicsContact row) =>
        row.ModifiedOn.UtcTicks.ToString(CultureInfo.InvariantCulture) + "_" + row.ContactId.ToString("N");

    /// <summary>A probe row that sorts exactly where the key's row sorted, for seeking in the index.</summary>
    public DynamicsContact KeyProbe()
    {
        var parts = Position.Split('_');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || !Guid.TryParseExact(parts[1], "N", out var id))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, "The $skiptoken is not a valid paging cookie.");
        return new DynamicsContact(id, new Dictionary<string, object?>(), default, new DateTimeOffset(ticks, TimeSpan.Zero), 0);
    }

    [GeneratedRegex("""^<cookie pagenumber="(\d+)" (last|offset|delta)="([0-9A-Za-z_]+)" />$""")]
    private static partial Regex CookiePattern();
}
