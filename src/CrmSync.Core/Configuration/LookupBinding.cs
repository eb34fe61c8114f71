namespace CrmSync.Core.Configuration;

/// <summary>How a Dynamics lookup attribute is written: <c>"{NavigationProperty}@odata.bind": "/{EntitySet}(guid)"</c>.</summary>
/// <param name="NavigationProperty">Single-valued navigation property, e.g. parentcustomerid_account.</param>
/// <param name="EntitySet">Entity set of the referenced table, e.g. accounts.</param>
public sealed record LookupBinding(string NavigationProperty, string EntitySet);
