using System.Text;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Log;

/// <summary>Reads one commit file (newline-delimited JSON actions); errors name the file and line.</summary>
internal static class CommitFileReader
{
    public static async Task<List<DeltaAction>> ReadAsync(IObjectStore store, string key, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await store.ReadAllAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaFileNotFoundException(key, "a commit listed in the Delta log disappeared", e);
        }

        var actions = new List<DeltaAction>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                if (ActionJson.Parse(line) is { } action)
                    actions.Add(action);
            }
            catch (FormatException e)
            {
                throw new DeltaLogCorruptException(key, $"line {lineNumber}: {e.Message}", e);
            }
        }

        if (actions.Count == 0)
            throw new DeltaLogCorruptException(key, "the commit file holds no actions");
        return actions;
    }
}
