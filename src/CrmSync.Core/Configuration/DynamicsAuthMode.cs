namespace CrmSync.Core.Configuration;

/// <summary>How the Dynamics client obtains its OAuth token.</summary>
public enum DynamicsAuthMode
{
    /// <summary>Client credentials with an app registration secret.</summary>
    ClientSecret,

    /// <summary>The Azure managed identity of the host; no secret in configuration.</summary>
    ManagedIdentity,
}
