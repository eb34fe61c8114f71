using System.Collections.Concurrent;
using System.Globalization;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Issues and checks change-tracking delta tokens in Dataverse's shape "&lt;version&gt;!&lt;MM/dd/yyyy HH:mm:ss&gt;".
/// A token older than <see cref="Lifetime"/>, or issued before <see cref="ExpireAll"/>, or unknown to this
/// instance fails with the real "Version stamp associated with the client has expired" error.
/// </summary>
internal sealed class DynamicsDeltaTokens(TimeProvider clock)
{
    private const string DateFormat = "MM/dd/yyyy HH:mm:ss";
    private readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);

    /// <summary>Dataverse documents 7 days by default (observed up to 30).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    public string Issue(long version)
    {
        var token = version.ToString(CultureInfo.InvariantCulture) + "!" + clock.GetUtcNow().UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        _live[token] = 0;
        return token;
    }

    /// <summary>Every token issued so far becomes expired (the "token expiry" knob).</summary>
    public void ExpireAll() => _live.Clear();

    /// <summary>The version a token stands for; throws the service's error when it is malformed or expired.</summary>
    public long Validate(string token)
    {
        var separator = token.IndexOf('!', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(token[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !DateTime.TryParseExact(token[(separator + 1)..], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var issuedAt))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.InvalidArgument, $"The delta token '{token}' is not valid.");
        if (clock.GetUtcNow().UtcDateTime - issuedAt > Lifetime || !_live.ContainsKey(token))
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.ExpiredVersionStamp,
                "Version stamp associated with the client has expired. Please perform a full sync.");
        return version;
    }
}
