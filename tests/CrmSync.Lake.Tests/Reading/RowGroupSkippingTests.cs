using CrmSync.Lake.Expressions;
using CrmSync.Lake.Parquet;
using CrmSync.Lake.Tests.Support;
using ParquetSharp;

namespace CrmSync.Lake.Tests.Reading;

public class RowGroupSkippingTests
{
    [Fact]
    public async Task Row_groups_whose_integer_key_range_excludes_the_literal_are_skipped()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, null,
            new DeltaTableOptions { RowGroupRows = 100 });
        await table.AppendAsync(TestTables.Contacts(0, 300));
        var file = table.Snapshot.Files.Single();
        file.ParsedStats!.NumRecords.Should().Be(300, "file-level stats already parsed must not leak into row-group decisions");
        using var reader = new ParquetFileReader(Path.Combine(dir.Path, "t", file.DecodedPath));
        reader.FileMetaData.NumRowGroups.Should().Be(3);

        var keep = RowGroupSkipping.For(Expr.Eq("id", 150L), file, table.Schema, table.PartitionColumns)!;
        Enumerable.Range(0, 3).Select(g => keep(reader, g)).Should().Equal(false, true, false);
        var range = RowGroupSkipping.For(Expr.Ge("id", 199L), file, table.Schema, table.PartitionColumns)!;
        Enumerable.Range(0, 3).Select(g => range(reader, g)).Should().Equal(false, true, true);
        RowGroupSkipping.For(Expr.Eq("name", "n1"), file, table.Schema, table.PartitionColumns).Should().BeNull();

        (await table.ToListAsync(Expr.Eq("id", 150L))).Single()["name"].Should().Be("n150");
        (await table.ToListAsync(Expr.Ge("id", 199L))).Should().HaveCount(101);
    }
}
