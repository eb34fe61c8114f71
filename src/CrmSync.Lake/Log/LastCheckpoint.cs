using System.Text.Json;
using System.Text.Json.Nodes;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Log;

/// <summary>The <c>_last_checkpoint</c> hint: newest checkpoint version and its part count.</summary>
internal sealed record LastCheckpoint(long Version, long Size, int? Parts, long? NumOfAddFiles)
{
    public static async Task<LastCheckpoint?> TryReadAsync(IObjectStore store, string tablePath, CancellationToken ct)
    {
        var key = LogPaths.LastCheckpointKey(tablePath);
        byte[] bytes;
        try
        {
            bytes = await store.ReadAllAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var o = JsonNode.Parse(bytes) as JsonObject ?? throw new FormatException("not a JSON object");
            return new LastCheckpoint(o["version"]!.GetValue<long>(), o["size"]?.GetValue<long>() ?? 0,
                o["parts"]?.GetValue<int>(), o["numOfAddFiles"]?.GetValue<long>());
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new DeltaLogCorruptException(key, $"invalid _last_checkpoint ({e.Message})", e);
        }
    }

    public byte[] ToJson(long sizeInBytes) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["version"] = Version,
        ["size"] = Size,
        ["sizeInBytes"] = sizeInBytes,
        ["numOfAddFiles"] = NumOfAddFiles,
    });
}
