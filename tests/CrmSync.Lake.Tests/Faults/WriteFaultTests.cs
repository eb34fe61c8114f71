using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Lake.Tests.Faults;

/// <summary>A write that fails while data files are being written leaves the table as it was and at most orphans no
/// commit references.</summary>
public class WriteFaultTests
{
    private static IEnumerable<Row> ContactsThenAWrongType(int validRows)
    {
        foreach (var row in TestTables.Contacts(0, validRows))
            yield return row;
        yield return Row.Of(TestTables.ContactSchema, 999L, "bad", "DE", "not a timestamp");
    }

    private static string[] DataFiles(TempDirectory dir) =>
        Directory.GetFiles(Path.Combine(dir.Path, "t"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("_delta_log", StringComparison.Ordinal))
            .ToArray();

    [Fact]
    public async Task A_row_that_fails_mid_file_leaves_no_data_file_and_no_commit()
    {
        using var dir = new TempDirectory();
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, null,
            new DeltaTableOptions { RowGroupRows = 40 });

        var append = () => table.AppendAsync(ContactsThenAWrongType(150));

        (await append.Should().ThrowAsync<DeltaSchemaException>()).WithMessage("Row 150: column 'updated'*");
        DataFiles(dir).Should().BeEmpty("the file being written is abandoned, row groups already flushed included");
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
        reopened.Version.Should().Be(0);
        (await reopened.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Files_closed_before_the_failure_stay_as_orphans_that_vacuum_removes()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new DeltaTableOptions { Clock = clock, MaxRowsPerFile = 100, RowGroupRows = 40 };
        var table = await DeltaTable.CreateAsync(TestTables.Store(dir), "t", TestTables.ContactSchema, null, null, options);

        var append = () => table.AppendAsync(ContactsThenAWrongType(250));

        await append.Should().ThrowAsync<DeltaSchemaException>();
        var orphans = DataFiles(dir);
        orphans.Should().HaveCount(2, "two files of 100 rows were complete; the third, open one is deleted");
        var reopened = await DeltaTable.OpenAsync(TestTables.Store(dir), "t", options);
        reopened.Snapshot.Files.Should().BeEmpty();

        clock.Advance(TimeSpan.FromHours(2));
        var vacuum = await reopened.VacuumAsync(TimeSpan.FromHours(1), allowShortRetention: true);

        vacuum.Files.Should().HaveCount(2);
        DataFiles(dir).Should().BeEmpty();
    }
}
