using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Identity;
using CrmSync.Core.WireFormat;

namespace CrmSync.Core.Deltas;

/// <summary>
/// Computes what to push for one person: for each CRM the fields whose direction writes there and
/// whose strategy calls for it (overwrite: normalized values differ; fill_if_missing: target empty),
/// as one PATCH-ready entry. Nothing when values already agree, so a value pushed and read back
/// never echoes. Unresolved manual fields, deleted contacts and deleted target records are never
/// written; a CREATE happens only where create_missing allows it and no crosswalk conflict stands.
/// </summary>
public sealed class DeltaCalculator
{
    private static readonly JsonSerializerOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly SourceSystem[] Targets = [SourceSystem.HubSpot, SourceSystem.Dynamics];

    private readonly FieldMappingSet _mappings;
    private readonly HubSpotWireFormat _hubspot;
    private readonly DynamicsWireFormat _dynamics;

    public DeltaCalculator(FieldMappingSet mappings, DynamicsSettings dynamics)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        _mappings = mappings;
        _hubspot = new HubSpotWireFormat(dynamics.OptionSets);
        _dynamics = new DynamicsWireFormat(dynamics);
    }

    /// <param name="contact">The person's surviving values.</param>
    /// <param name="hubspot">Snapshot of the linked HubSpot record (required when the contact has one).</param>
    /// <param name="dynamics">Snapshot of the linked Dynamics record (required when the contact has one).</param>
    /// <param name="hasCrosswalkConflict">An open crosswalk conflict that <see cref="Crosswalk.CrosswalkConflict.BlocksCreates"/>
    /// names this person: creating one more record would add a duplicate, so CREATEs wait.</param>
    public ContactDelta Compute(UnifiedContact contact, ContactSnapshot? hubspot, ContactSnapshot? dynamics, bool hasCrosswalkConflict)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var entries = new List<OutboxEntry>(2);
        var issues = new List<DeltaIssue>();
        if (contact.IsDeleted)
        {
            return new ContactDelta(entries, issues);
        }

        foreach (var target in Targets)
        {
            var snapshot = target == SourceSystem.HubSpot ? hubspot : dynamics;
            var entry = ForTarget(contact, target, snapshot, hasCrosswalkConflict, issues);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new ContactDelta(entries, issues);
    }

    private OutboxEntry? ForTarget(UnifiedContact contact, SourceSystem target, ContactSnapshot? snapshot, bool hasCrosswalkConflict, List<DeltaIssue> issues)
    {
        var targetId = contact.IdIn(target);
        if (targetId is not null && snapshot is null)
        {
            throw new ArgumentException(
                $"Contact {contact.UnifiedContactId} is linked to {new SourceKey(target, targetId)} but its snapshot was not given.", nameof(snapshot));
        }

        if (snapshot is { IsDeleted: true })
        {
            return null;
        }

        var create = targetId is null;
        if (create && (!_mappings.CreatesMissingIn(target) || hasCrosswalkConflict))
        {
            return null;
        }

        var fields = new List<string>();
        var values = new JsonObject();
        foreach (var field in _mappings.SortedByName)
        {
            var unified = contact.Fields.GetValueOrDefault(field.Name) ?? UnifiedField.Empty;
            if (!field.WritesTo(target) || unified.Origin == FieldOrigin.Unresolved
                || !NeedsWrite(field, unified, create ? null : snapshot!.Fields.GetValueOrDefault(field.Name)?.Value, create))
            {
                continue;
            }

            if (TryAdd(values, target, field, unified, out var problem))
            {
                fields.Add(field.Name);
            }
            else
            {
                issues.Add(new DeltaIssue(contact.UnifiedContactId, target, field.Name, problem!));
            }
        }

        if (fields.Count == 0)
        {
            return null;
        }

        if (create && target == SourceSystem.Dynamics)
        {
            targetId = ContactIds.DynamicsContactIdFor(contact.UnifiedContactId);
        }

        var payload = Payload(target, targetId, create, values);
        var keyId = targetId ?? "new:" + contact.UnifiedContactId;
        return new OutboxEntry(target, contact.UnifiedContactId, targetId, create ? OutboxOperation.Create : OutboxOperation.Update,
            payload, fields, IdempotencyKey.For(target, keyId, payload));
    }

    /// <summary>Whether the target needs this value: creates carry every filled field; updates follow the strategy.</summary>
    private static bool NeedsWrite(FieldMapping field, UnifiedField unified, string? targetValue, bool create)
    {
        if (create || field.Strategy == WriteStrategy.FillIfMissing)
        {
            return unified.Value is not null && targetValue is null;
        }

        return !string.Equals(unified.Value, targetValue, StringComparison.Ordinal);
    }

    private bool TryAdd(JsonObject values, SourceSystem target, FieldMapping field, UnifiedField unified, out string? problem)
    {
        if (target == SourceSystem.Dynamics)
        {
            return _dynamics.TryWrite(values, field, unified, out problem);
        }

        if (!_hubspot.TryFormat(field, unified, out var formatted, out problem))
        {
            return false;
        }

        values[field.HubSpotProperty] = formatted;
        return true;
    }

    private static string Payload(SourceSystem target, string? targetId, bool create, JsonObject values)
    {
        if (target == SourceSystem.HubSpot)
        {
            var body = create ? new JsonObject() : new JsonObject { ["id"] = targetId };
            body["properties"] = values;
            return body.ToJsonString(PayloadJson);
        }

        if (!create)
        {
            return values.ToJsonString(PayloadJson);
        }

        var withId = new JsonObject { ["contactid"] = targetId };
        foreach (var (name, value) in values.ToList())
        {
            values.Remove(name);
            withId[name] = value;
        }

        return withId.ToJsonString(PayloadJson);
    }
}
