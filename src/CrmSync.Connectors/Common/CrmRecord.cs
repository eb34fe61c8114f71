using System.Text;

namespace CrmSync.Connectors.Common;

/// <summary>
/// One contact as a CRM returned it: plain values keyed by the CRM's own property or attribute
/// name, plus the raw JSON for bronze. Connectors know nothing of tables or unified fields.
/// </summary>
/// <remarks>
/// Read paths keep the raw JSON as the record's UTF-8 slice of the page it came in
/// (<see cref="RawJsonUtf8"/>), so a record costs no UTF-16 copy of its JSON unless
/// <see cref="RawJson"/> is asked for; the slice keeps its page's buffer alive while the record lives.
/// </remarks>
public sealed record CrmRecord
{
    private readonly ReadOnlyMemory<byte> _rawJsonUtf8;
    private string? _rawJson;

    /// <param name="Id">The CRM's id (HubSpot object id, Dynamics contactid).</param>
    /// <param name="ModifiedAt">lastmodifieddate / modifiedon, UTC.</param>
    /// <param name="IsDeleted">True for an archived (HubSpot) or deleted (Dynamics change tracking) record.</param>
    /// <param name="Properties">Values as the API returned them, as invariant strings; null when empty.</param>
    /// <param name="RawJson">The record's JSON exactly as received.</param>
    public CrmRecord(string Id, DateTimeOffset ModifiedAt, bool IsDeleted, IReadOnlyDictionary<string, string?> Properties, string RawJson)
        : this(Id, ModifiedAt, IsDeleted, Properties, Encoding.UTF8.GetBytes(RawJson)) => _rawJson = RawJson;

    /// <param name="rawJsonUtf8">The record's JSON exactly as received, as UTF-8 (typically a slice of its page's body).</param>
    public CrmRecord(string id, DateTimeOffset modifiedAt, bool isDeleted, IReadOnlyDictionary<string, string?> properties, ReadOnlyMemory<byte> rawJsonUtf8)
    {
        Id = id;
        ModifiedAt = modifiedAt;
        IsDeleted = isDeleted;
        Properties = properties;
        _rawJsonUtf8 = rawJsonUtf8;
    }

    /// <summary>The CRM's id (HubSpot object id, Dynamics contactid).</summary>
    public string Id { get; init; }

    /// <summary>lastmodifieddate / modifiedon, UTC.</summary>
    public DateTimeOffset ModifiedAt { get; init; }

    /// <summary>True for an archived (HubSpot) or deleted (Dynamics change tracking) record.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>Values as the API returned them, as invariant strings; null when empty.</summary>
    public IReadOnlyDictionary<string, string?> Properties { get; init; }

    /// <summary>The record's JSON exactly as received, as UTF-8.</summary>
    public ReadOnlyMemory<byte> RawJsonUtf8
    {
        get => _rawJsonUtf8;
        init
        {
            _rawJsonUtf8 = value;
            _rawJson = null;
        }
    }

    /// <summary>The record's JSON exactly as received; decoded from <see cref="RawJsonUtf8"/> on first use.</summary>
    public string RawJson
    {
        // Two threads racing here decode equal strings; either may be kept.
        get => _rawJson ??= Encoding.UTF8.GetString(_rawJsonUtf8.Span);
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _rawJsonUtf8 = Encoding.UTF8.GetBytes(value);
            _rawJson = value;
        }
    }

    public void Deconstruct(out string Id, out DateTimeOffset ModifiedAt, out bool IsDeleted, out IReadOnlyDictionary<string, string?> Properties, out string RawJson)
    {
        Id = this.Id;
        ModifiedAt = this.ModifiedAt;
        IsDeleted = this.IsDeleted;
        Properties = this.Properties;
        RawJson = this.RawJson;
    }

    /// <summary>Equal when every member is: the raw JSON by its bytes, whether or not either side has decoded it.</summary>
    public bool Equals(CrmRecord? other) =>
        other is not null
        && Id == other.Id
        && ModifiedAt.Equals(other.ModifiedAt)
        && IsDeleted == other.IsDeleted
        && EqualityComparer<IReadOnlyDictionary<string, string?>>.Default.Equals(Properties, other.Properties)
        && _rawJsonUtf8.Span.SequenceEqual(other._rawJsonUtf8.Span);

    public override int GetHashCode() => HashCode.Combine(Id, ModifiedAt, IsDeleted, Properties, _rawJsonUtf8.Length);
}
