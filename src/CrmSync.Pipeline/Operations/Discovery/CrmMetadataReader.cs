using CrmSync.Connectors.Common;
using CrmSync.Connectors.Dynamics;
using CrmSync.Core.Configuration;
using CrmSync.Pipeline.Configuration;

namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>Reads both CRMs' contact metadata (HubSpot properties, Dynamics choice columns) and suggests the field mappings.</summary>
public static class CrmMetadataReader
{
    public static async Task<FieldSuggestions> SuggestAsync(PipelineSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var hubspot = new ConnectorFactory(settings, clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .CreateHubSpot(NullApiCallReporter.Instance);
        using var dynamics = MetadataClient(settings, clock);
        var properties = await hubspot.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var picklists = await dynamics.GetOptionSetsAsync(cancellationToken).ConfigureAwait(false);
        return FieldMappingSuggester.Suggest(properties, picklists);
    }

    /// <summary>A Dynamics client with no configured option sets, so it asks the metadata API for every choice column.</summary>
    private static DynamicsClient MetadataClient(PipelineSettings settings, TimeProvider clock)
    {
        var dynamics = settings.Sources.Dynamics;
        if (dynamics.AuthMode != DynamicsAuthMode.ClientSecret || settings.Credentials.DynamicsClientSecret is null)
        {
            throw new ConfigurationException([new ConfigurationError("sources.yaml", 0, 0, "dynamics.auth.mode",
                "discover authenticates to Dynamics with client_secret only; set dynamics.auth.mode: client_secret and D365_CLIENT_SECRET")]);
        }

        return new DynamicsClient(new DynamicsClientOptions
        {
            OrgUri = dynamics.OrgUri,
            AuthorityHost = dynamics.AuthorityHost,
            TenantId = dynamics.TenantId ?? "",
            ClientId = dynamics.ClientId ?? "",
            ClientSecret = settings.Credentials.DynamicsClientSecret,
            TimeProvider = clock,
        });
    }
}
