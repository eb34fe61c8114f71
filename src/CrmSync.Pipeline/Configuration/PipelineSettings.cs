using CrmSync.Core.Configuration;

namespace CrmSync.Pipeline.Configuration;

/// <summary>Everything a pipeline run is configured with: both files, the lake root and the resolved secrets.</summary>
public sealed record PipelineSettings(SyncConfiguration Configuration, string LakeRoot, SyncCredentials Credentials)
{
    public SourcesConfig Sources => Configuration.Sources;

    public FieldMappingSet Mappings => Configuration.Mappings;
}
