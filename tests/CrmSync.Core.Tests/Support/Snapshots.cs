using CrmSync.Core.Contacts;

namespace CrmSync.Core.Tests.Support;

/// <summary>Builds snapshots field by field: ("email", "ann@x.com", minute changed).</summary>
internal static class Snapshots
{
    public static ContactSnapshot HubSpot(params (string Field, string? Value, int? ChangedAtMinute)[] fields) =>
        Build(SourceSystem.HubSpot, "h1", fields);

    public static ContactSnapshot Dynamics(params (string Field, string? Value, int? ChangedAtMinute)[] fields) =>
        Build(SourceSystem.Dynamics, "d1", fields);

    public static ContactSnapshot Build(SourceSystem system, string id, (string Field, string? Value, int? ChangedAtMinute)[] fields) =>
        new(system, id, Times.At(fields.Max(f => f.ChangedAtMinute) ?? 0), null, false,
            fields.ToDictionary(f => f.Field, f => new FieldState(f.Value, f.Value, f.ChangedAtMinute is null ? null : Times.At(f.ChangedAtMinute.Value))));
}
