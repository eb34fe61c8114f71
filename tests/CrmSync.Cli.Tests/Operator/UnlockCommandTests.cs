using CrmSync.Cli.Tests.Support;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Locking;

namespace CrmSync.Cli.Tests.OperatorCommands;

/// <summary>`crmsync unlock` breaks the lake's run lock by hand; a stage verb on a locked lake is refused naming the holder.</summary>
public sealed class UnlockCommandTests : IDisposable
{
    private static readonly string Configs = RepositoryFiles.PathOf("configs");

    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private Task<CliRun> RunAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--lake", _lake.Root, "--config", Configs]);

    private async Task<HeldRunLock> HoldAsync(TimeSpan timeToLive)
    {
        await _lake.CreateAsync("meta", "sync_runs", new StructType(new StructField("run_id", PrimitiveType.String)));
        var runLock = new RunLock(_lake.Store, TimeProvider.System, new RunLockOptions { TimeToLive = timeToLive, RenewEvery = TimeSpan.FromDays(1) });
        return await runLock.AcquireAsync(new RunLockOwner("cron-box", 4242, "run-1", "push-dynamics"), CancellationToken.None);
    }

    [Fact]
    public async Task A_live_lock_needs_force_and_breaking_it_warns_naming_the_holder()
    {
        var held = await HoldAsync(TimeSpan.FromHours(1));

        var refused = await RunAsync("unlock");
        var forced = await RunAsync("unlock", "--force");
        var again = await RunAsync("unlock");

        refused.ExitCode.Should().Be(2, refused.Error);
        refused.Error.Should().Contain("push-dynamics (run run-1) on host cron-box, process 4242").And.Contain("unlock --force");
        forced.ExitCode.Should().Be(0, forced.Error);
        forced.Error.Should().Contain("warning: broke the run lock of push-dynamics (run run-1) on host cron-box").And.Contain("before it expired");
        forced.Output.Should().Contain("The run lock is free.");
        again.ExitCode.Should().Be(0);
        again.Output.Should().Contain("not held");
        var renew = () => held.RenewAsync();
        await renew.Should().ThrowAsync<RunLockLostException>("the holder stops at its next renewal");
        await held.DisposeAsync();
    }

    [Fact]
    public async Task An_expired_lock_is_cleared_without_force()
    {
        await using var held = await HoldAsync(TimeSpan.FromMilliseconds(1));
        await Task.Delay(5); // the real clock must pass the 1 ms lease

        var cleared = await RunAsync("unlock");

        cleared.ExitCode.Should().Be(0, cleared.Error);
        cleared.Error.Should().Contain("cleared the expired run lock");
    }

    [Fact]
    public async Task A_stage_verb_on_a_locked_lake_exits_1_naming_the_holder()
    {
        await using var held = await HoldAsync(TimeSpan.FromHours(1));
        using var configs = new TempDirectory();
        File.Copy(Path.Combine(Configs, "field_mappings.yaml"), Path.Combine(configs.Path, "field_mappings.yaml"));
        // The stage is refused before any CRM is called, but the configuration must load: its secrets point at a variable every process has.
        var sources = await File.ReadAllTextAsync(Path.Combine(Configs, "sources.yaml"));
        await File.WriteAllTextAsync(Path.Combine(configs.Path, "sources.yaml"),
            sources.Replace("env:HUBSPOT_TOKEN", "env:PATH", StringComparison.Ordinal).Replace("env:D365_CLIENT_SECRET", "env:PATH", StringComparison.Ordinal));

        var setup = await CliRun.InvokeAsync("setup", "--lake", _lake.Root, "--config", configs.Path);

        setup.ExitCode.Should().Be(1, setup.Error);
        setup.Error.Should().Contain("locked by another crmsync invocation: push-dynamics (run run-1) on host cron-box, process 4242");
        setup.LastErrorLine.Should().Contain("nothing was written").And.Contain("crmsync unlock");
    }
}
