using CrmSync.Connectors.Common;
using CrmSync.Pipeline.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSync.Pipeline.Operations.Discovery;

/// <summary>Reads both CRMs' contact metadata (HubSpot properties, Dynamics choice columns) and suggests the field mappings.</summary>
public static class CrmMetadataReader
{
    public static async Task<FieldSuggestions> SuggestAsync(PipelineSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connectors = new ConnectorFactory(settings, clock, NullLoggerFactory.Instance);
        using var hubspot = connectors.CreateHubSpot(NullApiCallReporter.Instance);
        using var dynamics = connectors.CreateDynamicsForMetadata(NullApiCallReporter.Instance);
        var properties = await hubspot.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        var picklists = await dynamics.GetOptionSetsAsync(cancellationToken).ConfigureAwait(false);
        return FieldMappingSuggester.Suggest(properties, picklists);
    }
}
