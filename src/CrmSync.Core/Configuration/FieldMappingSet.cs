using CrmSync.Core.Contacts;

namespace CrmSync.Core.Configuration;

/// <summary>The parsed field_mappings.yaml: fields in declared order plus record-level settings.</summary>
public sealed class FieldMappingSet
{
    private readonly Dictionary<string, FieldMapping> _byName;
    private readonly Dictionary<SourceSystem, string[]> _sourceNames;
    private readonly Dictionary<SourceSystem, FieldKeys> _sourceColumns;

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
        Names = new FieldKeys(fields.Select(f => f.Name));
        SourceSystem[] systems = [SourceSystem.HubSpot, SourceSystem.Dynamics];
        _sourceNames = systems.ToDictionary(s => s, s => fields.Select(f => f.SourceName(s)).ToArray());
        _sourceColumns = systems.ToDictionary(s => s, s => new FieldKeys(_sourceNames[s].Distinct(StringComparer.OrdinalIgnoreCase)));
    }

    /// <summary>Fields in the order declared.</summary>
    public IReadOnlyList<FieldMapping> Fields { get; }

    /// <summary>Fields by ordinal name: the canonical order for checksums and payloads.</summary>
    public IReadOnlyList<FieldMapping> SortedByName { get; }

    /// <summary>The unified field names in declared order: the keys of a record's <see cref="FieldDictionary{T}"/>s.</summary>
    public FieldKeys Names { get; }

    /// <summary>Each field's <see cref="FieldMapping.SourceName"/> in <paramref name="system"/>, in declared order
    /// (computed once: a lookup's name is built on every call).</summary>
    public IReadOnlyList<string> SourceNames(SourceSystem system) => _sourceNames[system];

    /// <summary>The distinct columns <paramref name="system"/>'s records hold the fields in: the keys of a source version's values.</summary>
    public FieldKeys SourceColumns(SourceSystem system) => _sourceColumns[system];

    /// <summary>The email field records are matched on across the two CRMs.</summary>
    public FieldMapping MatchField { get; }

    public bool CreateMissingInHubSpot { get; }

    public bool CreateMissingInDynamics { get; }

    public bool CreatesMissingIn(SourceSystem target) =>
        target == SourceSystem.HubSpot ? CreateMissingInHubSpot : CreateMissingInDynamics;

    public FieldMapping this[string name] => _byName[name];
}
