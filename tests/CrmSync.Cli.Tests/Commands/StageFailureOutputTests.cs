using CrmSync.Cli.Tests.Support;

namespace CrmSync.Cli.Tests.Commands;

/// <summary>A failing stage verb exits 1 and says why once: the failure is logged as it happens and not repeated after.</summary>
public sealed class StageFailureOutputTests : IDisposable
{
    private static readonly string Configs = RepositoryFiles.PathOf("configs");

    private readonly TempDirectory _lake = new();
    private readonly TempDirectory _configs = new();

    public void Dispose()
    {
        _lake.Dispose();
        _configs.Dispose();
    }

    [Fact]
    public async Task A_stage_failure_prints_its_error_once_and_exits_1()
    {
        File.Copy(Path.Combine(Configs, "field_mappings.yaml"), Path.Combine(_configs.Path, "field_mappings.yaml"));
        // scd2 fails before any CRM is called, but the configuration must load: its secrets point at a variable every process has.
        var sources = await File.ReadAllTextAsync(Path.Combine(Configs, "sources.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_configs.Path, "sources.yaml"),
            sources.Replace("env:HUBSPOT_TOKEN", "env:PATH", StringComparison.Ordinal).Replace("env:D365_CLIENT_SECRET", "env:PATH", StringComparison.Ordinal));
        (await RunAsync("setup")).ExitCode.Should().Be(0);
        var log = Path.Combine(_lake.Path, "silver", "contacts_scd2", "_delta_log");
        await File.WriteAllTextAsync(Directory.EnumerateFiles(log, "*.json").Max()!, "not json\n");

        var scd2 = await RunAsync("scd2");

        scd2.ExitCode.Should().Be(1, scd2.Error);
        var failures = scd2.Error.Split('\n').Where(l => l.Contains("scd2 failed", StringComparison.Ordinal)).ToList();
        failures.Should().ContainSingle(scd2.Error).Which.Should().Contain("silver/contacts_scd2/_delta_log").And.Contain("is corrupt");
    }

    private Task<CliRun> RunAsync(string verb) => CliRun.InvokeAsync(verb, "--lake", _lake.Path, "--config", _configs.Path);
}
