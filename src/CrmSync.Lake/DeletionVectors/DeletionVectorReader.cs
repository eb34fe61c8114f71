using CrmSync.Lake.Log;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.DeletionVectors;

/// <summary>Loads the rows a logical file's deletion vector deletes: inline ('i') from the descriptor, on disk ('u') from
/// the DV file under the table root. Errors name the DV location and the data file.</summary>
internal static class DeletionVectorReader
{
    /// <summary>The deleted row indexes of <paramref name="file"/> (empty when it has no DV).</summary>
    public static async Task<RowIndexSet> ReadAsync(IObjectStore store, string tablePath, AddFile file, CancellationToken ct)
    {
        if (file.DeletionVector is not { } dv)
            return RowIndexSet.Empty;
        string location;
        byte[] bitmap;
        switch (dv.StorageType)
        {
            case DeletionVectorDescriptor.InlineStorage:
                location = "inline";
                bitmap = Decode(location, file, () => Z85.Decode(dv.PathOrInlineDv));
                if (bitmap.Length < dv.SizeInBytes)
                    throw new DeltaDeletionVectorCorruptException(location, file.Path, $"holds {bitmap.Length} bytes, the log says {dv.SizeInBytes}");
                bitmap = bitmap[..dv.SizeInBytes];
                break;
            case DeletionVectorDescriptor.RelativePathStorage:
                location = Decode(dv.PathOrInlineDv, file, () => LogPaths.Join(tablePath, dv.RelativePath));
                bitmap = await ReadFromFileAsync(store, location, dv, file, ct).ConfigureAwait(false);
                break;
            default:
                throw new UnsupportedTableFeatureException(tablePath, TableFeatures.DeletionVectors,
                    $"data file '{file.Path}' has a deletion vector of storage type '{dv.StorageType}' ('{dv.PathOrInlineDv}'); " +
                    "only relative ('u') and inline ('i') deletion vectors are supported");
        }

        var rows = Decode(location, file, () => RoaringBitmapArrayFormat.Deserialize(bitmap));
        if (rows.Count != dv.Cardinality)
            throw new DeltaDeletionVectorCorruptException(location, file.Path, $"holds {rows.Count} row indexes, the log says {dv.Cardinality}");
        return rows;
    }

    private static async Task<byte[]> ReadFromFileAsync(IObjectStore store, string key, DeletionVectorDescriptor dv, AddFile file,
        CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = await store.OpenReadAsync(key, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaFileNotFoundException(key, $"the deletion vector of data file '{file.Path}' does not exist", e);
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await DeletionVectorFile.ReadBitmapAsync(stream, dv.Offset ?? 0, dv.SizeInBytes, ct).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                throw new DeltaDeletionVectorCorruptException(key, file.Path, e.Message, e);
            }
        }
    }

    private static T Decode<T>(string location, AddFile file, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (FormatException e)
        {
            throw new DeltaDeletionVectorCorruptException(location, file.Path, e.Message, e);
        }
    }
}
