using System.Text;
using CrmSync.Lake.Expressions;
using CrmSync.Lake.Operations;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Reading;

/// <summary>A column scan hands over decoded values without rows: every live row of every file its filter keeps, with the
/// values a row scan gives (strings as UTF-8, timestamps as microseconds, nulls), deleted rows flagged, columns the file
/// lacks as null; files the filter's stats rule out are not read.</summary>
public class ColumnScanTests
{
    private static readonly StructType Schema = new(
        new StructField("id", PrimitiveType.Long, nullable: false),
        new StructField("key", PrimitiveType.String),
        new StructField("active", PrimitiveType.Boolean),
        new StructField("at", PrimitiveType.Timestamp),
        new StructField("local", PrimitiveType.TimestampNtz),
        new StructField("score", PrimitiveType.Double),
        new StructField("region", PrimitiveType.String));

    private static readonly string[] Columns = ["id", "key", "active", "at", "local"];

    private static Row Generate(long id) => Row.Of(Schema,
        id,
        id % 7 == 0 ? null : "k" + id + (id % 3 == 0 ? "-Ünïcødé ✓" : ""),
        id % 5 == 0 ? null : id % 2 == 0,
        id % 11 == 0 ? null : TestTables.Epoch.AddTicks(id * 1_234_560),
        id % 13 == 0 ? null : new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(id),
        id / 3.0,
        id % 2 == 0 ? "EU" : "US");

    [Fact]
    public async Task Column_scan_gives_every_row_with_the_values_a_row_scan_gives()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, options: new DeltaTableOptions { MaxRowsPerFile = 1_500, RowGroupRows = 400 });
        await table.AppendAsync(Enumerable.Range(0, 4_000).Select(i => Generate(i)));

        var expected = (await table.ToListAsync(columns: Columns)).Select(r => RenderRow(Columns.Select(c => r[c]))).Order().ToList();
        var actual = await RenderLiveRowsAsync(table, null);

        table.Snapshot.Files.Should().HaveCountGreaterThan(1);
        actual.Should().Equal(expected);
    }

    [Fact]
    public async Task Column_scan_reads_only_the_files_whose_stats_the_filter_keeps_and_all_their_rows()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, options: new DeltaTableOptions { MaxRowsPerFile = 1_000, RowGroupRows = 400 });
        await table.AppendAsync(Enumerable.Range(0, 4_000).Select(i => Generate(i)));

        var ids = new List<long>();
        var files = new HashSet<string>();
        await foreach (var batch in table.ScanColumnsAsync(["id"], Expr.Ge("id", 2_500L)))
        {
            files.Add(batch.SourceFile);
            for (var r = 0; r < batch.Count; r++)
                ids.Add(batch.GetInt64(0, r));
        }

        files.Should().HaveCount(2, "ids 2,500 and above are in the last two of four files");
        ids.Order().Should().Equal(Enumerable.Range(2_000, 2_000).Select(i => (long)i), "rows are not filtered, only files");
    }

    [Fact]
    public async Task Column_scan_flags_the_rows_a_deletion_vector_deletes()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema,
            configuration: new Dictionary<string, string> { [TableFeatures.EnableDeletionVectorsProperty] = "true" },
            options: new DeltaTableOptions { MaxRowsPerFile = 1_500, RowGroupRows = 400 });
        await table.AppendAsync(Enumerable.Range(0, 4_000).Select(i => Generate(i)));
        await table.DeleteAsync(Expr.Or(Expr.Lt("id", 100L), Expr.Eq("region", "EU")));
        table.Snapshot.Files.Should().Contain(f => f.DeletionVector != null, "the delete marked rows instead of rewriting files");

        var expected = (await table.ToListAsync(columns: Columns)).Select(r => RenderRow(Columns.Select(c => r[c]))).Order().ToList();
        var actual = await RenderLiveRowsAsync(table, null);

        actual.Should().HaveCount(1_950).And.Equal(expected);
    }

    [Fact]
    public async Task Columns_a_file_lacks_read_as_null()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema);
        await table.AppendAsync(TestTables.Contacts(0, 3));
        await table.AddColumnsAsync([new StructField("email", PrimitiveType.String), new StructField("hash", PrimitiveType.Long)]);
        await table.AppendAsync([Row.Of(table.Schema, 10L, "ten", "DE", TestTables.Epoch, "ten@example.com", 42L)]);

        var seen = new List<string>();
        await foreach (var batch in table.ScanColumnsAsync(["id", "email", "hash"]))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                seen.Add(batch.GetInt64(0, r) + ":" + (batch.IsNull(1, r) ? "null" : Encoding.UTF8.GetString(batch.GetUtf8(1, r)))
                    + ":" + (batch.IsNull(2, r) ? "null" : batch.GetInt64(2, r)));
            }
        }

        seen.Should().BeEquivalentTo("0:null:null", "1:null:null", "2:null:null", "10:ten@example.com:42");

        var onlyNew = new List<int>();
        await foreach (var batch in table.ScanColumnsAsync(["hash"]))
            onlyNew.Add(batch.Count);
        onlyNew.Sum().Should().Be(4, "a file holding none of the columns still gives its rows");
    }

    [Fact]
    public async Task Column_scan_refuses_types_and_partition_columns_it_does_not_read_and_getters_of_another_type()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", Schema, ["region"]);
        await table.AppendAsync(Enumerable.Range(0, 10).Select(i => Generate(i)));

        await FluentActions.Awaiting(() => FirstAsync(table, ["score"])).Should().ThrowAsync<NotSupportedException>().WithMessage("*score*double*");
        await FluentActions.Awaiting(() => FirstAsync(table, ["region"])).Should().ThrowAsync<NotSupportedException>().WithMessage("*region*partition*");

        await foreach (var batch in table.ScanColumnsAsync(["key"]))
        {
            batch.Invoking(b => b.GetInt64(0, 0)).Should().Throw<InvalidOperationException>().WithMessage("*key*string*long*");
            break;
        }
    }

    private static async Task FirstAsync(DeltaTable table, string[] columns)
    {
        await foreach (var _ in table.ScanColumnsAsync(columns))
            return;
    }

    private static async Task<List<string>> RenderLiveRowsAsync(DeltaTable table, Expr? filter)
    {
        var rows = new List<string>();
        await foreach (var batch in table.ScanColumnsAsync(Columns, filter))
        {
            batch.Schema.Fields.Select(f => f.Name).Should().Equal(Columns);
            for (var r = 0; r < batch.Count; r++)
            {
                if (batch.IsDeleted(r))
                    continue;
                rows.Add(RenderRow([
                    batch.GetInt64(0, r),
                    batch.IsNull(1, r) ? null : Encoding.UTF8.GetString(batch.GetUtf8(1, r)),
                    batch.IsNull(2, r) ? null : batch.GetBoolean(2, r),
                    batch.IsNull(3, r) ? null : DateTimeOffset.UnixEpoch.AddTicks(batch.GetTimestampMicros(3, r) * 10),
                    batch.IsNull(4, r) ? null : DateTime.UnixEpoch.AddTicks(batch.GetTimestampMicros(4, r) * 10),
                ]));
            }
        }

        return rows.Order().ToList();
    }

    private static string RenderRow(IEnumerable<object?> values) => string.Join("|", values.Select(v => v switch
    {
        null => "null",
        DateTimeOffset at => at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime local => DateTime.SpecifyKind(local, DateTimeKind.Unspecified).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    }));
}
