using CrmSync.Cli.Output;
using CrmSync.Cli.Progress;
using CrmSync.Pipeline.Progress;
using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Cli.Tests.Progress;

public sealed class ConsoleProgressSinkTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Redirected_output_gets_a_timestamped_line_per_stage_at_most_every_five_seconds()
    {
        using var output = new StringWriter();
        var sink = new ConsoleProgressSink(new CliConsole(output, TextWriter.Null, interactive: false, verbose: false, _clock), _clock);

        sink.Report(Progress("ingest-hubspot", 0));
        _clock.Advance(TimeSpan.FromSeconds(4));
        sink.Report(Progress("ingest-hubspot", 100));
        Lines(output).Should().BeEmpty("a stage shorter than the interval adds no lines");

        _clock.Advance(TimeSpan.FromSeconds(1));
        sink.Report(Progress("ingest-hubspot", 200));
        sink.Report(Progress("ingest-dynamics", 5_000));
        _clock.Advance(TimeSpan.FromSeconds(3));
        sink.Report(Progress("ingest-hubspot", 300));
        _clock.Advance(TimeSpan.FromSeconds(2));
        sink.Report(Progress("ingest-hubspot", 400));

        Lines(output).Should().Equal(
            "2026-11-22T09:00:05Z ingest-hubspot: 200 records, 2 pages, 40 records/s",
            "2026-11-22T09:00:10Z ingest-hubspot: 400 records, 2 pages, 40 records/s");
    }

    private static StageProgress Progress(string stage, long read) =>
        new(stage, read, Pages: 2, TimeSpan.FromSeconds(read / 40.0), EstimatedTotal: null);

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
