namespace CrmSync.Core.Configuration;

/// <summary>The parsed field_mappings.yaml: fields in declared order plus record-level settings.</summary>
public sealed class FieldMappingSet
{
    private readonly Dictionary<string, FieldMapping> _byName;

    public FieldMappingSet(
        IReadOnlyList<FieldMapping> fields,
        string matchField,
        bool createMissingInHubSpot,
        bool createMissingInDynamics)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        if (!_byName.TryGetValue(matchField, out var match))
        {
            throw new ArgumentException($"Match field '{matchField}' is not a mapped field.", nameof(matchField));
        }

        MatchField = match;
        CreateMissingInHubSpot = createMissingInHubSpot;
        CreateMissingInDynamics = createMissingInDynamics;
        SortedByName = [.. fields.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Fields in the order declared.</summary>
    public IReadOnlyList<FieldMapping> Fields { get; }

    /// <summary>Fields by ordinal name: the canonical order for checksums and payloads.</summary>
    public IReadOnlyList<FieldMapping> SortedByName { get; }

    /// <summary>The email field records are matched on across the two CRMs.</summary>
    public FieldMapping MatchField { get; }

    public bool CreateMissingInHubSpot { get; }

    public bool CreateMissingInDynamics { get; }

    public bool CreatesMissingIn(SourceSystem target) =>
        target == SourceSystem.HubSpot ? CreateMissingInHubSpot : CreateMissingInDynamics;

    public FieldMapping this[string name] => _byName[name];
}
