namespace CrmSync.Core.Configuration;

/// <summary>How the HubSpot client authenticates.</summary>
public enum HubSpotAuthMode
{
    /// <summary>A private app's access token sent as a Bearer token.</summary>
    PrivateAppToken,
}
