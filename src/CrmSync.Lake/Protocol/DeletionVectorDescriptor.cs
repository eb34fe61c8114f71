using System.Globalization;

namespace CrmSync.Lake.Protocol;

/// <summary>
/// The <c>deletionVector</c> of an add/remove action: where the set of deleted row indexes of the data file is stored.
/// <see cref="StorageType"/> 'u' = a file relative to the table root named by a Z85-encoded UUID (with an optional random
/// prefix directory), 'p' = an absolute path, 'i' = inline (Z85 of the serialized bitmap).
/// </summary>
public sealed record DeletionVectorDescriptor(
    string StorageType,
    string PathOrInlineDv,
    int? Offset,
    int SizeInBytes,
    long Cardinality)
{
    public const string RelativePathStorage = "u";
    public const string AbsolutePathStorage = "p";
    public const string InlineStorage = "i";

    /// <summary>Length of a Z85-encoded UUID (16 bytes) at the end of a 'u' <see cref="PathOrInlineDv"/>.</summary>
    private const int EncodedUuidLength = 20;

    /// <summary>Identifies this DV among the DVs of one data file: the logical file key is (path, UniqueId).</summary>
    public string UniqueId => Offset is { } offset
        ? string.Create(CultureInfo.InvariantCulture, $"{StorageType}{PathOrInlineDv}@{offset}")
        : StorageType + PathOrInlineDv;

    /// <summary>For storage type 'u': the DV file's path relative to the table root,
    /// <c>[&lt;prefix&gt;/]deletion_vector_&lt;uuid&gt;.bin</c>.</summary>
    public string RelativePath
    {
        get
        {
            if (StorageType != RelativePathStorage)
                throw new InvalidOperationException($"A deletion vector of storage type '{StorageType}' has no relative path.");
            if (PathOrInlineDv.Length < EncodedUuidLength)
                throw new FormatException($"pathOrInlineDv '{PathOrInlineDv}' is shorter than a Z85-encoded UUID.");
            var prefix = PathOrInlineDv[..^EncodedUuidLength];
            var uuid = new Guid(Z85.Decode(PathOrInlineDv[^EncodedUuidLength..]), bigEndian: true);
            return RelativePathFor(prefix, uuid);
        }
    }

    /// <summary>A descriptor for a DV stored at <paramref name="offset"/> of the file <see cref="RelativePathFor"/> names.</summary>
    public static DeletionVectorDescriptor OnDisk(Guid uuid, int offset, int sizeInBytes, long cardinality)
    {
        var bytes = new byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new DeletionVectorDescriptor(RelativePathStorage, Z85.Encode(bytes), offset, sizeInBytes, cardinality);
    }

    public static string RelativePathFor(string prefix, Guid uuid) =>
        (prefix.Length == 0 ? "" : prefix + "/") + "deletion_vector_" + uuid.ToString("D") + ".bin";
}
