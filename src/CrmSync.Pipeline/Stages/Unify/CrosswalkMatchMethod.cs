namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>silver.id_crosswalk_contacts.match_method values.</summary>
public static class CrosswalkMatchMethod
{
    /// <summary>Joined a person already known from the other CRM by normalized email.</summary>
    public const string Email = "email";

    /// <summary>Started a new person (no email, or nobody held it yet).</summary>
    public const string New = "new";

    /// <summary>The record was created in its CRM by push-hubspot / push-dynamics for an existing person.</summary>
    public const string CreatedByPush = "created_by_push";

    public static IReadOnlyList<string> All { get; } = [Email, New, CreatedByPush];
}
