using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Lake;

public sealed class LakeDemoTests : IDisposable
{
    private readonly TempDirectory _lake = new();

    [Fact]
    public async Task The_demo_walks_through_the_engine_and_leaves_a_queryable_table()
    {
        var run = await CliRun.InvokeAsync("lake", "demo", "--lake", _lake.Path);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("merged by contact_id: 2 updated, 1 inserted")
            .And.Contain("deleted contact c-003 (version 3)")
            .And.Contain("time travel: the same table as of version 1");
        var now = await CliRun.InvokeAsync("sql", "SELECT string_agg(contact_id, ' ' ORDER BY contact_id) AS ids FROM demo.contacts", "--format", "csv", "--lake", _lake.Path);
        var then = await CliRun.InvokeAsync("sql", "SELECT string_agg(email, ' ' ORDER BY contact_id) AS emails FROM demo.contacts", "--format", "csv", "--lake", _lake.Path, "--as-of", "1");
        now.Output.Should().Be("ids\r\nc-001 c-002 c-004 c-005 c-006\r\n");
        then.Output.Should().Contain("grace@example.com").And.Contain("alan@example.com");
    }

    [Fact]
    public async Task Running_the_demo_twice_refuses_to_touch_the_existing_table()
    {
        (await CliRun.InvokeAsync("lake", "demo", "--lake", _lake.Path)).ExitCode.Should().Be(0);

        var again = await CliRun.InvokeAsync("lake", "demo", "--lake", _lake.Path);

        again.ExitCode.Should().Be(2);
        again.Error.Should().Contain("already exists");
    }

    public void Dispose() => _lake.Dispose();
}
