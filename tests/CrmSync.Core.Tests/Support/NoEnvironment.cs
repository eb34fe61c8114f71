namespace CrmSync.Core.Tests.Support;

/// <summary>An empty set of environment variables.</summary>
internal static class NoEnvironment
{
    public static IReadOnlyDictionary<string, string> Instance { get; } = new Dictionary<string, string>();
}
