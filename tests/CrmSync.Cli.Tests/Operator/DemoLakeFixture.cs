using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>A lake made by `crmsync demo` on a small seed, once per test class: real tables from the real pipeline.</summary>
public sealed class DemoLakeFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();

    public string Lake => _folder.Combine("lake");

    public string Configs { get; } = RepositoryFiles.PathOf("configs");

    public async Task InitializeAsync()
    {
        var demo = await CliRun.InvokeAsync("demo", "--contacts", "300", "--seed", "3", "--lake", Lake, "--config", Configs);
        if (demo.ExitCode != 0)
        {
            throw new InvalidOperationException($"the demo lake could not be made:\n{demo.Output}\n{demo.Error}");
        }
    }

    /// <summary>Runs a verb against the demo lake.</summary>
    public Task<CliRun> RunAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--lake", Lake, "--config", Configs]);

    /// <summary>One value from `crmsync sql` (DuckDB over the Delta files: a second reader, independent of the Lake engine).</summary>
    public async Task<string> ScalarAsync(string sql)
    {
        var run = await RunAsync("sql", sql, "--format", "csv");
        run.ExitCode.Should().Be(0, run.Error);
        var value = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim();
        return value.Length > 1 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : value;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
