using CrmSync.Core.Contacts;

namespace CrmSync.Core.Tests.Support;

/// <summary>Builds unified contacts from (field, value) pairs; values come from HubSpot unless said.</summary>
internal static class Unified
{
    public static UnifiedContact Contact(string id, params (string Field, string? Value)[] fields) =>
        new(id, fields.ToDictionary(f => f.Field, f => f.Value is null ? UnifiedField.Empty : new UnifiedField(f.Value, f.Value, FieldOrigin.HubSpot, Times.T0)),
            "h1", "d1", false);
}
