using System.CommandLine;

namespace CrmSync.Cli.Commands;

/// <summary>
/// The `crmsync` command tree. Each verb group lives in its own file under Commands/ and exposes
/// a static Create(); this is the only place they are assembled.
/// </summary>
public static class CrmSyncCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CrmSync: two-way HubSpot <-> Dynamics 365 contact sync through Delta Lake tables.");
        foreach (var option in GlobalOptions.Create())
        {
            root.Options.Add(option);
        }

        foreach (var stage in StageCommands.Create())
        {
            root.Subcommands.Add(stage);
        }

        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(UnlockCommand.Create());

        root.Subcommands.Add(LakeCommands.Create());
        root.Subcommands.Add(SqlCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(BenchCommands.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(DeadLetterCommands.Create());
        root.Subcommands.Add(DiscoverCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SandboxCommands.Create());
        return root;
    }
}
