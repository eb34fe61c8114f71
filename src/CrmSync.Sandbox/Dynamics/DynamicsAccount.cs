namespace CrmSync.Sandbox.Dynamics;

/// <summary>An account a contact's parentcustomerid lookup may point at.</summary>
public sealed record DynamicsAccount(Guid AccountId, string Name);
