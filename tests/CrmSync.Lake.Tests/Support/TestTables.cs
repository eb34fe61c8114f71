using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Lake.Tests.Support;

/// <summary>Schemas and rows shared by the write tests.</summary>
internal static class TestTables
{
    public static readonly StructType ContactSchema = new(
        new StructField("id", PrimitiveType.Long, nullable: false),
        new StructField("name", PrimitiveType.String),
        new StructField("country", PrimitiveType.String),
        new StructField("updated", PrimitiveType.Timestamp));

    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Row Contact(long id, string? name = null, string country = "DE", int minutes = 0) =>
        Row.Of(ContactSchema, id, name ?? "n" + id, country, Epoch.AddMinutes(minutes));

    public static IEnumerable<Row> Contacts(int from, int count, string country = "DE") =>
        Enumerable.Range(from, count).Select(i => Contact(i, country: country));

    public static async Task<List<long>> IdsAsync(DeltaTable table) =>
        (await table.ToListAsync()).Select(r => (long)r["id"]!).Order().ToList();

    public static LocalFileSystemStore Store(TempDirectory dir) => new(dir.Path);
}
