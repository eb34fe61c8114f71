namespace CrmSync.Cli.Hosting;

/// <summary>The process exit codes every verb returns.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageOrConfig = 2;
}
