namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Which instance annotations a request asked for with Prefer: odata.include-annotations="a,b.*".
/// "*" means all; "ns.*" means every annotation of that namespace.
/// </summary>
internal sealed class DynamicsAnnotationPreference
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";

    private readonly string[] _patterns;

    private DynamicsAnnotationPreference(string[] patterns) => _patterns = patterns;

    /// <summary>From the value of odata.include-annotations (quotes removed), or null when not asked.</summary>
    public static DynamicsAnnotationPreference Of(string? includeAnnotations) =>
        new(includeAnnotations?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);

    public bool Includes(string annotation) =>
        Array.Exists(_patterns, p => p == "*" || p == annotation || (p.EndsWith(".*", StringComparison.Ordinal) && annotation.StartsWith(p[..^1], StringComparison.Ordinal)));
}
