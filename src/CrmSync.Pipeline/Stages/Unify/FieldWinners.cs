using CrmSync.Core.Contacts;

namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>silver.contacts_unified.field_winners values: where each surviving value came from.</summary>
public static class FieldWinners
{
    public const string HubSpot = "hubspot";
    public const string Dynamics = "dynamics";
    public const string Override = "override";
    public const string Unresolved = "unresolved";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [HubSpot, Dynamics, Override, Unresolved, None];

    public static string Of(FieldOrigin origin) => origin switch
    {
        FieldOrigin.HubSpot => HubSpot,
        FieldOrigin.Dynamics => Dynamics,
        FieldOrigin.ManualOverride => Override,
        FieldOrigin.Unresolved => Unresolved,
        _ => None,
    };

    public static FieldOrigin Parse(string? name) => name switch
    {
        HubSpot => FieldOrigin.HubSpot,
        Dynamics => FieldOrigin.Dynamics,
        Override => FieldOrigin.ManualOverride,
        Unresolved => FieldOrigin.Unresolved,
        _ => FieldOrigin.None,
    };
}
