using System.Text.Json;

namespace CrmSync.Sandbox.HubSpot;

/// <summary>HubSpot's contact object JSON: {id, properties{...}, createdAt, updatedAt, archived[, archivedAt]}.</summary>
internal static class HubSpotContactJson
{
    /// <param name="requested">Properties asked for; the always-returned ones are added. Asked-for but empty properties are null.</param>
    public static void Write(Utf8JsonWriter w, HubSpotContactRow row, IReadOnlyList<string> requested, string? objectWriteTraceId = null, bool? isNew = null)
    {
        w.WriteStartObject();
        w.WriteString("id", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartObject("properties");
        foreach (var name in HubSpotContactSchema.AlwaysReturned)
        {
            w.WriteString(name, row.Value(name));
        }

        foreach (var name in requested)
        {
            if (HubSpotContactSchema.Find(name) is not null && !HubSpotContactSchema.AlwaysReturned.Contains(name))
            {
                w.WriteString(name, row.Value(name));
            }
        }

        w.WriteEndObject();
        w.WriteString("createdAt", HubSpotTime.Format(row.CreatedMs));
        w.WriteString("updatedAt", HubSpotTime.Format(row.ModifiedMs));
        w.WriteBoolean("archived", row.ArchivedMs.HasValue);
        if (row.ArchivedMs is { } archivedMs)
        {
            w.WriteString("archivedAt", HubSpotTime.Format(archivedMs));
        }

        if (objectWriteTraceId is not null)
        {
            w.WriteString("objectWriteTraceId", objectWriteTraceId);
        }

        if (isNew is { } created)
        {
            w.WriteBoolean("new", created);
        }

        w.WriteEndObject();
    }

    /// <summary>The nested errors[] HubSpot adds for property validation failures.</summary>
    public static void WriteSubErrors(Utf8JsonWriter w, HubSpotInputError error)
    {
        w.WriteStartArray("errors");
        if (error.SubCategory is not null)
        {
            w.WriteStartObject();
            w.WriteString("message", error.Message);
            w.WriteString("code", error.SubCategory);
            if (error.PropertyName is not null)
            {
                w.WriteStartObject("context");
                w.WriteStartArray("propertyName");
                w.WriteStringValue(error.PropertyName);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
