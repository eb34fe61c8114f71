using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Tests.Support;

/// <summary>A lake folder in temp with tables written through the real Lake API.</summary>
public sealed class TestLake : IDisposable
{
    private readonly TempDirectory _folder = new();

    public TestLake()
    {
        Store = new LocalFileSystemStore(Root);
    }

    public string Root => _folder.Path;

    public LocalFileSystemStore Store { get; }

    public static StructType ContactSchema { get; } = new(
        new StructField("id", PrimitiveType.String, nullable: false),
        new StructField("email", PrimitiveType.String),
        new StructField("score", PrimitiveType.Long),
        new StructField("updated_at", PrimitiveType.Timestamp),
        new StructField("is_deleted", PrimitiveType.Boolean));

    public static Row Contact(string id, string? email, long score, DateTimeOffset updatedAt, bool isDeleted = false) =>
        Row.Of(ContactSchema, id, email, score, updatedAt, isDeleted);

    public Task<DeltaTable> CreateAsync(string layer, string name, StructType schema, IReadOnlyList<string>? partitionColumns = null) =>
        DeltaTable.CreateAsync(Store, $"{layer}/{name}", schema, partitionColumns);

    public string TablePath(string layer, string name) => Path.Combine(Root, layer, name);

    public IEnumerable<string> DataFiles(string layer, string name) =>
        Directory.EnumerateFiles(TablePath(layer, name), "*.parquet", SearchOption.AllDirectories)
            .Where(path => !path.Contains("_delta_log", StringComparison.Ordinal));

    public void Dispose() => _folder.Dispose();
}
