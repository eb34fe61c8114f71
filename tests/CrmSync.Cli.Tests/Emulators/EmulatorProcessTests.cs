using CrmSync.Cli.Emulators;

namespace CrmSync.Cli.Tests.Emulators;

public sealed class EmulatorProcessTests
{
    [Fact]
    public void A_child_emulator_gets_the_environment_without_the_callers_gc_settings()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_GCHeapHardLimit"] = "0x100000000",
            ["DOTNET_gcServer"] = "1",
            ["COMPlus_GCgen0size"] = "0x4000000",
            ["DOTNET_TieredPGO"] = "0",
            ["PATH"] = "/usr/bin",
        };

        EmulatorProcess.RemoveGcSettings(environment);

        environment.Keys.Should().BeEquivalentTo("DOTNET_TieredPGO", "PATH");
    }
}
