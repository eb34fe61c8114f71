namespace CrmSync.Pipeline.Stages;

/// <summary>
/// Runs the HubSpot and the Dynamics half of a step at once. The halves read and write only their own CRM's tables, and
/// run one after the other a stage keeps one of two cores idle through most of its lookups and merges.
/// </summary>
internal static class BothCrms
{
    public static async Task<(T HubSpot, T Dynamics)> RunAsync<T>(Func<Task<T>> hubspot, Func<Task<T>> dynamics)
    {
        var first = Task.Run(hubspot);
        var second = Task.Run(dynamics);
        await Task.WhenAll(first, second).ConfigureAwait(false);
        return (await first.ConfigureAwait(false), await second.ConfigureAwait(false));
    }

    public static Task RunAsync(Func<Task> hubspot, Func<Task> dynamics) => Task.WhenAll(Task.Run(hubspot), Task.Run(dynamics));
}
