using System.Globalization;
using CrmSync.Cli.Hosting;
using CrmSync.Cli.Output;
using CrmSync.Lake;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;

namespace CrmSync.Cli.Lake;

/// <summary>
/// A guided tour of the Delta engine on a small contacts table: create, append, merge, delete,
/// time travel and history. The table stays in &lt;lake&gt;/demo/contacts for `crmsync sql` and
/// `crmsync lake` to explore afterwards.
/// </summary>
public sealed class LakeDemo(string lakeRoot, CliConsole console)
{
    public const string Layer = "demo";
    public const string TableName = "contacts";

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly StructType Schema = new(
        new StructField("contact_id", PrimitiveType.String, nullable: false),
        new StructField("email", PrimitiveType.String),
        new StructField("first_name", PrimitiveType.String),
        new StructField("lifecycle_stage", PrimitiveType.String),
        new StructField("updated_at", PrimitiveType.Timestamp));

    public string TablePath => Path.Combine(lakeRoot, Layer, TableName);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(TablePath, "_delta_log")))
        {
            throw new CliUsageException(
                $"the demo table already exists at {TablePath}",
                $"delete {TablePath} to run the demo again, or pass another --lake folder");
        }

        var store = new LocalFileSystemStore(lakeRoot);
        var table = await DeltaTable.CreateAsync(store, $"{Layer}/{TableName}", Schema, cancellationToken: cancellationToken).ConfigureAwait(false);
        console.Info($"1. created Delta table {Layer}.{TableName} at {TablePath} (version {table.Version})");

        var appended = await table.AppendAsync(
        [
            Contact("c-001", "ada@example.com", "Ada", "lead", 0),
            Contact("c-002", "grace@example.com", "Grace", "lead", 0),
            Contact("c-003", "alan@example.com", "Alan", "customer", 0),
            Contact("c-004", "edsger@example.com", "Edsger", "lead", 0),
            Contact("c-005", "barbara@example.com", "Barbara", "opportunity", 0),
        ], cancellationToken: cancellationToken).ConfigureAwait(false);
        console.Info(Line($"2. appended 5 contacts (version {appended.Version})"));

        var merged = await table.MergeAsync(
        [
            Contact("c-002", "grace.hopper@example.com", "Grace", "customer", 1),
            Contact("c-004", "edsger@example.com", "Edsger", "opportunity", 1),
            Contact("c-006", "margaret@example.com", "Margaret", "lead", 1),
        ], ["contact_id"], cancellationToken: cancellationToken).ConfigureAwait(false);
        console.Info(Line($"3. merged by contact_id: {merged.RowsUpdated} updated, {merged.RowsInserted} inserted; rewrote {merged.FilesRewritten} of {merged.FilesRewritten + merged.FilesSkipped} files (version {merged.Version})"));

        var deleted = await table.DeleteAsync(Expr.Eq("contact_id", "c-003"), cancellationToken: cancellationToken).ConfigureAwait(false);
        console.Info(Line($"4. deleted contact c-003 (version {deleted.Version})"));

        console.Table(Headers, await RowsAsync(table, cancellationToken).ConfigureAwait(false), Line($"5. the table now (version {table.Version})"));

        var original = await LakeTableOpener.OpenAsync(TablePath, new TimeTravel(appended.Version, null), null, cancellationToken).ConfigureAwait(false);
        console.Table(Headers, await RowsAsync(original, cancellationToken).ConfigureAwait(false), Line($"6. time travel: the same table as of version {original.Version}"));

        var history = await table.HistoryAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        console.Table(TableReport.HistoryHeaders, TableReport.History(history), "7. history (newest first)");

        console.Info($"next: crmsync sql \"SELECT * FROM {Layer}.{TableName}\" --lake {lakeRoot}");
        console.Info($"      crmsync sql \"SELECT * FROM {Layer}.{TableName}\" --as-of {appended.Version} --lake {lakeRoot}");
        console.Info($"      crmsync lake describe {Layer}.{TableName} --lake {lakeRoot}");
    }

    private static readonly string[] Headers = ["contact_id", "email", "first_name", "lifecycle_stage", "updated_at"];

    private static Row Contact(string id, string email, string firstName, string stage, int day) =>
        Row.Of(Schema, id, email, firstName, stage, Start.AddDays(day));

    private static async Task<IReadOnlyList<IReadOnlyList<string?>>> RowsAsync(DeltaTable table, CancellationToken cancellationToken)
    {
        var rows = await table.ToListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows
            .OrderBy(row => row.Get<string>("contact_id"), StringComparer.Ordinal)
            .Select(row => (IReadOnlyList<string?>)Headers.Select(column => Text(row[column])).ToArray())
            .ToList();
    }

    private static string? Text(object? value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
