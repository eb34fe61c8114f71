using System.Globalization;
using CrmSync.Core;
using CrmSync.Core.Configuration;
using CrmSync.Core.Normalization;
using CrmSync.Sandbox.Dynamics;
using CrmSync.Sandbox.HubSpot;

namespace CrmSync.Pipeline.Tests.Support;

/// <summary>What the emulators hold now, as normalized values per unified field: the ground truth the tests check.</summary>
internal sealed class CrmState(FieldMappingSet mappings, FieldValueNormalizer normalizer, HubSpotEmulator hubspot, DynamicsEmulator dynamics)
{
    public string? Value(SourceSystem system, string id, string field)
    {
        var mapping = mappings[field];
        var raw = system == SourceSystem.HubSpot
            ? hubspot.Get(long.Parse(id, CultureInfo.InvariantCulture))?.Properties.GetValueOrDefault(mapping.HubSpotProperty)
            : Text(dynamics.Get(Guid.Parse(id))?[mapping.DynamicsAttribute]);
        return normalizer.Normalize(mapping, raw).Value;
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
