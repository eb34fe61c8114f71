namespace CrmSync.Connectors.Tests.HubSpot;

/// <summary>Small builders for contact property maps.</summary>
internal static class HubSpotTestData
{
    public static Dictionary<string, string?> Contact(string email, string firstName = "Ada", string lastName = "Lovelace") =>
        new() { ["email"] = email, ["firstname"] = firstName, ["lastname"] = lastName };

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
