namespace CrmSync.Cli.Emulators;

/// <summary>Which CRM a served emulator or a benchmark phase is about.</summary>
public enum CrmSystem
{
    HubSpot,
    Dynamics,
}
