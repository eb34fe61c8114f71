using CrmSync.Lake;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Configuration;
using CrmSync.Pipeline.Runs;
using CrmSync.Pipeline.Tests.Support;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Pipeline.Tests.EndToEnd;

/// <summary>
/// lake.partition_rows bounds what unify, scd2 and compute-deltas hold at once: a run goes through partitions of people.
/// The partitions must not change the outcome: the same CRMs synced in one partition and in many (with a crash after a
/// partition or chunk of each stage, and a rerun) give the same people, links, conflicts, history and pushes.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PartitionedRunTests : IAsyncLifetime
{
    private SyncHarness _whole = null!;
    private SyncHarness _partitioned = null!;

    public async Task InitializeAsync()
    {
        _whole = await SyncHarness.StartAsync();
        _partitioned = await SyncHarness.StartAsync();
        var seed = new SeedOptions { Seed = 17, InvalidValueFraction = 0 };
        foreach (var harness in new[] { _whole, _partitioned })
        {
            harness.HubSpot.Seed(120, seed);
            harness.Dynamics.Seed(120, seed);
        }

        var sourcesPath = Path.Combine(_partitioned.ConfigDirectory, PipelineSettingsLoader.SourcesFile);
        var sources = await File.ReadAllTextAsync(sourcesPath);
        await File.WriteAllTextAsync(sourcesPath, sources.Replace("  root: ./lake-from-file", "  root: ./lake-from-file\n  partition_rows: 20", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _whole.DisposeAsync();
        await _partitioned.DisposeAsync();
    }

    [Fact]
    public async Task Many_partitions_and_crashes_between_them_give_the_lake_and_crms_of_one_partition()
    {
        await _whole.SyncAsync();
        var crashes = new CrashPoints([CrashPoints.UnifyAfterPartition, CrashPoints.Scd2AfterChunk, CrashPoints.ComputeAfterChunk]);
        var crashed = new List<string>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var pipeline = await _partitioned.PipelineAsync(crashes);
            try
            {
                await pipeline.RunAllAsync(new StageOptions());
                break;
            }
            catch (InjectedCrashException e)
            {
                crashed.Add(e.Point);
            }
        }

        crashed.Should().Equal(CrashPoints.UnifyAfterPartition, CrashPoints.Scd2AfterChunk, CrashPoints.ComputeAfterChunk);
        var firstUnify = (await _partitioned.ReadAsync(TableNames.SyncRuns)).Single(r => (string)r["stage"]! == StageNames.Unify && (long)r["sequence"]! == 1);
        ((string)firstUnify["parameters"]!).Should().Contain("\"partitions\":\"12\"", "240 bronze rows at 20 per partition: bronze is read in two groups of partitions, 8 and 4");
        (await _partitioned.ReadAsync(TableNames.Unified)).Select(r => (long)r["unify_seq"]!).Distinct().Should().HaveCountGreaterThan(4);

        foreach (var table in new[] { TableNames.Unified, TableNames.Crosswalk, TableNames.CrosswalkConflicts, TableNames.Scd2,
                     TableNames.HubSpotOutbox, TableNames.DynamicsOutbox })
        {
            await Same(table);
        }

        _partitioned.HubSpot.GetAll().Should().HaveCount(_whole.HubSpot.GetAll().Count);
        _partitioned.Dynamics.GetAll().Should().HaveCount(_whole.Dynamics.GetAll().Count);

        var settle = await _partitioned.SyncAsync();
        await _partitioned.SyncAsync();
        var quiet = await _partitioned.SyncAsync();
        quiet.Single(r => r.Stage == StageNames.ComputeDeltas).Created.Should().Be(0, "the partitioned lake converges like the whole one");
        settle.Should().OnlyContain(r => r.Succeeded);
    }

    [Fact]
    public async Task A_resumed_unify_keeps_its_planned_partitions_and_leaves_rows_ingested_meanwhile_to_the_next_unify()
    {
        var crashing = await _partitioned.PipelineAsync(new CrashPoints([CrashPoints.UnifyAfterPartition]));
        var crash = async () => await crashing.RunAllAsync(new StageOptions());
        await crash.Should().ThrowAsync<InjectedCrashException>();

        // Edits land between the crash and the rerun, whose ingests run before the resumed unify: bronze grows past its plan.
        var edited = _partitioned.HubSpot.GetAll().First(c => c.Properties.GetValueOrDefault("email") is not null);
        _partitioned.HubSpot.Update(edited.Id, new Dictionary<string, string?> { ["city"] = "Reykjavik" });
        _partitioned.HubSpot.Create(People.HubSpot("new.after.crash@example.com", "Nina", "Late"));
        _partitioned.Clock.Advance(TimeSpan.FromSeconds(1));
        await _partitioned.SyncAsync();
        await _partitioned.SyncAsync();

        var unifyRuns = (await _partitioned.ReadAsync(TableNames.SyncRuns)).Where(r => (string)r["stage"]! == StageNames.Unify).ToList();
        var first = unifyRuns.Where(r => (long)r["sequence"]! == 1).Should().ContainSingle().Subject;
        ((string)first["status"]!).Should().Be(StageStatus.Succeeded, "the resumed execution finished");
        ((string)first["parameters"]!).Should().Contain("\"partitions\":\"12\"", "it kept the plan made before the crash");

        var unified = await _partitioned.ReadAsync(TableNames.Unified);
        unified.Single(r => (string?)r["hubspot_id"] == edited.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))["city"]
            .Should().Be("Reykjavik", "the edit ingested during the crash reached the unified contact");
        unified.Should().ContainSingle(r => (string?)r["email"] == "new.after.crash@example.com");
        (await _partitioned.ReadAsync(TableNames.Crosswalk)).GroupBy(r => ((string)r["source_system"]!, (string)r["source_id"]!))
            .Should().OnlyContain(g => g.Count() == 1, "no record was linked twice");
        _partitioned.Dynamics.GetAll().Should().ContainSingle(c => (string?)c["emailaddress1"] == "new.after.crash@example.com", "created once in Dynamics");
    }

    /// <summary>Columns that record when or in which execution a row was written, not what it says. field_winners and
    /// field_texts too: where both CRMs hold the same normalized value, latest_wins credits (and takes the spelling of) the
    /// one seeded a few milliseconds later, and the two harnesses' emulators were seeded at different instants.</summary>
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "field_winners", "field_texts", "updated_at", "unify_seq", "run_id", "last_run_id", "linked_at", "detected_at", "resolved_at", "valid_from", "valid_to",
        "created_at", "next_attempt_at", "outbox_id", "push_run_id",
    };

    private async Task Same(string table)
    {
        var expected = (await _whole.ReadAsync(table)).Select(Describe).Order(StringComparer.Ordinal).ToList();
        var actual = (await _partitioned.ReadAsync(table)).Select(Describe).Order(StringComparer.Ordinal).ToList();
        expected.Should().NotBeEmpty(table);
        actual.Except(expected).Should().BeEmpty($"{table} holds only what one partition makes; it lacks {string.Join(Environment.NewLine, expected.Except(actual))}");
        actual.Should().HaveCount(expected.Count, table);
    }

    private static string Describe(Row row) => string.Join(" | ", row.Schema.Fields
        .Where(f => !Volatile.Contains(f.Name))
        .Select(f => $"{f.Name}={Text(row[f.Name])}"));

    private static string? Text(object? value) => value switch
    {
        IEnumerable<KeyValuePair<object, object?>> map => string.Join(",", map.Select(kv => $"{kv.Key}:{Text(kv.Value)}").Order(StringComparer.Ordinal)),
        IEnumerable<object?> list => string.Join(",", list.Select(Text)),
        DateTimeOffset => "(time)",
        _ => value?.ToString(),
    };
}
