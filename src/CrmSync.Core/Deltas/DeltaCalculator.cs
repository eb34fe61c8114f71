using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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
/// One thread at a time: it writes every payload through one reused buffer.
/// </summary>
public sealed class DeltaCalculator
{
    /// <summary>Payloads are written straight to UTF-8 (compute-deltas makes one or two per person of a full run), compact,
    /// with only what JSON requires escaped.</summary>
    private static readonly JsonWriterOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly SourceSystem[] Targets = [SourceSystem.HubSpot, SourceSystem.Dynamics];

    private readonly FieldMappingSet _mappings;
    private readonly HubSpotWireFormat _hubspot;
    private readonly DynamicsWireFormat _dynamics;

    /// <summary>One payload buffer reused for every entry (so a calculator serves one thread at a time): a buffer grown
    /// per entry costs more than the JSON itself.</summary>
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

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

        if (create && target == SourceSystem.Dynamics)
        {
            targetId = ContactIds.DynamicsContactIdFor(contact.UnifiedContactId);
        }

        // HubSpot: {"id":..,"properties":{..}} ({"properties":{..}} to create); Dynamics: the attributes, led by contactid to create.
        _buffer.ResetWrittenCount();
        using var payload = new Utf8JsonWriter(_buffer, PayloadJson);
        payload.WriteStartObject();
        if (target == SourceSystem.HubSpot)
        {
            if (!create)
            {
                payload.WriteString("id", targetId);
            }

            payload.WriteStartObject("properties");
        }
        else if (create)
        {
            payload.WriteString("contactid", targetId);
        }

        var fields = new List<string>();
        foreach (var field in _mappings.SortedByName)
        {
            var unified = contact.Fields.GetValueOrDefault(field.Name) ?? UnifiedField.Empty;
            if (!field.WritesTo(target) || unified.Origin == FieldOrigin.Unresolved
                || !NeedsWrite(field, unified, create ? null : snapshot!.Fields.GetValueOrDefault(field.Name)?.Value, create))
            {
                continue;
            }

            if (TryAdd(payload, target, field, unified, out var problem))
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

        if (target == SourceSystem.HubSpot)
        {
            payload.WriteEndObject();
        }

        payload.WriteEndObject();
        payload.Flush();
        var json = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        var keyId = targetId ?? "new:" + contact.UnifiedContactId;
        return new OutboxEntry(target, contact.UnifiedContactId, targetId, create ? OutboxOperation.Create : OutboxOperation.Update,
            json, fields, IdempotencyKey.For(target, keyId, json));
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

    private bool TryAdd(Utf8JsonWriter payload, SourceSystem target, FieldMapping field, UnifiedField unified, out string? problem)
    {
        if (target == SourceSystem.Dynamics)
        {
            return _dynamics.TryWrite(payload, field, unified, out problem);
        }

        if (!_hubspot.TryFormat(field, unified, out var formatted, out problem))
        {
            return false;
        }

        payload.WriteString(field.HubSpotProperty, formatted);
        return true;
    }
}
