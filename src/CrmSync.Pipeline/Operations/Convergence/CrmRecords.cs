namespace CrmSync.Pipeline.Operations.Convergence;

/// <summary>
/// The full current state of one CRM's contacts: live (not deleted) records by source id (HubSpot object id,
/// Dynamics contactid in lower-case "D" form), each as raw values by property/attribute name.
/// </summary>
public sealed record CrmRecords(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> ById);
