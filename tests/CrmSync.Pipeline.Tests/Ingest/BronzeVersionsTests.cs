using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Storage;
using CrmSync.Pipeline.Stages.Ingest;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Ingest;

/// <summary>The versions bronze holds from a time on, read from its columns as Parquet holds them: a version is found by
/// its id, time (to the microsecond), is_deleted and payload hash, each of which tells versions apart; rows without a
/// payload hash (an older lake) are found by their payload's hash.</summary>
public sealed class BronzeVersionsTests : IDisposable
{
    private static readonly StructType Bronze = new(
        new StructField("source_id", PrimitiveType.String),
        new StructField("source_updated_at", PrimitiveType.Timestamp),
        new StructField("is_deleted", PrimitiveType.Boolean),
        new StructField("payload", PrimitiveType.String),
        new StructField("payload_hash", PrimitiveType.Long));

    private static readonly DateTimeOffset From = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Row Version(string id, DateTimeOffset at, string payload, bool isDeleted = false, bool withHash = true) =>
        Row.Of(Bronze, id, at, isDeleted, payload, withHash ? PayloadHash.Of(payload) : null);

    private async Task<DeltaTable> BronzeAsync(params Row[][] files)
    {
        var table = await DeltaTable.CreateAsync(new LocalFileSystemStore(_folder.Path), "bronze", Bronze);
        foreach (var rows in files)
            await table.AppendAsync(rows);
        return table;
    }

    [Fact]
    public async Task A_version_is_found_by_id_time_deletion_and_payload_and_each_tells_versions_apart()
    {
        // Sub-microsecond ticks: bronze keeps microseconds, and a record read again still carries them.
        var at = From.AddMinutes(1).AddTicks(7);
        var table = await BronzeAsync([Version("Zürich-1", at, "{\"a\":1}"), Version("2", at, "{\"b\":1}", isDeleted: true)]);

        var versions = await BronzeVersions.SinceAsync(table, From, CancellationToken.None);

        versions.Count.Should().Be(2);
        versions.Contains(SourceIdHash.Of("Zürich-1"), at, false, PayloadHash.Of("{\"a\":1}")).Should().BeTrue();
        versions.Contains(SourceIdHash.Of("2"), at, true, PayloadHash.Of("{\"b\":1}")).Should().BeTrue();
        versions.Contains(SourceIdHash.Of("Zürich-1"), at, false, PayloadHash.Of("{\"a\":2}")).Should().BeFalse("an edit in the same second changes the payload only");
        versions.Contains(SourceIdHash.Of("Zürich-1"), at.AddTicks(10), false, PayloadHash.Of("{\"a\":1}")).Should().BeFalse("a microsecond later is another version");
        versions.Contains(SourceIdHash.Of("Zürich-1"), at, true, PayloadHash.Of("{\"a\":1}")).Should().BeFalse("a delete is another version");
        versions.Contains(SourceIdHash.Of("2"), at, false, PayloadHash.Of("{\"a\":1}")).Should().BeFalse();
        versions.Contains(SourceIdHash.Of("Zurich-1"), at, false, PayloadHash.Of("{\"a\":1}")).Should().BeFalse("another id");
    }

    [Fact]
    public async Task Only_versions_from_the_window_on_are_held_and_none_without_a_start()
    {
        var table = await BronzeAsync(
            [Version("old", From.AddDays(-1), "{}")],
            [Version("before", From.AddTicks(-10), "{}"), Version("at", From, "{}"), Version("after", From.AddSeconds(1), "{}")]);

        var versions = await BronzeVersions.SinceAsync(table, From, CancellationToken.None);

        versions.Count.Should().Be(2, "a file that reaches into the window is read, but its rows before the window are not kept");
        versions.Contains(SourceIdHash.Of("at"), From, false, PayloadHash.Of("{}")).Should().BeTrue();
        versions.Contains(SourceIdHash.Of("after"), From.AddSeconds(1), false, PayloadHash.Of("{}")).Should().BeTrue();
        (await BronzeVersions.SinceAsync(table, null, CancellationToken.None)).Count.Should().Be(0, "a full read has no overlap to skip");
    }

    [Fact]
    public async Task Rows_without_a_payload_hash_are_found_by_their_payload()
    {
        var table = await BronzeAsync(
            [Version("1", From.AddSeconds(1), "{\"old\":true}", withHash: false)],
            [Version("2", From.AddSeconds(2), "{\"new\":true}")]);

        var versions = await BronzeVersions.SinceAsync(table, From, CancellationToken.None);

        versions.Count.Should().Be(2);
        versions.Contains(SourceIdHash.Of("1"), From.AddSeconds(1), false, PayloadHash.Of("{\"old\":true}")).Should().BeTrue();
        versions.Contains(SourceIdHash.Of("2"), From.AddSeconds(2), false, PayloadHash.Of("{\"new\":true}")).Should().BeTrue();
    }
}
