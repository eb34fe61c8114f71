using CrmSync.Cli.Output;
using CrmSync.Cli.Sql;
using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Sql;

public sealed class SqlPromptTests : IDisposable
{
    private readonly TestLake _lake = new();

    [Fact]
    public async Task Statements_run_when_a_line_ends_with_a_semicolon_and_errors_do_not_stop_the_prompt()
    {
        var table = await _lake.CreateAsync("silver", "contacts", TestLake.ContactSchema);
        await table.AppendAsync([TestLake.Contact("c1", "ada@example.com", 10, DateTimeOffset.UnixEpoch)]);
        using var session = await LakeSqlSession.OpenAsync(_lake.Root, null, CancellationToken.None);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false, verbose: false, TimeProvider.System);
        using var input = new StringReader("SELECT id\nFROM silver.contacts;\nSELECT nope;\n.tables\n.quit\nSELECT 'never run';\n");

        var failures = await new SqlPrompt(session, SqlOutputFormat.Csv, console, input, showPrompt: false).RunAsync(CancellationToken.None);

        failures.Should().Be(1);
        output.ToString().Should().StartWith("id\r\nc1\r\n").And.Contain("silver.contacts").And.NotContain("never run");
        error.ToString().Should().Contain("error:").And.Contain("nope");
    }

    public void Dispose() => _lake.Dispose();
}
