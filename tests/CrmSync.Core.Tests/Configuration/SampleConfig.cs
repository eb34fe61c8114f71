namespace CrmSync.Core.Tests.Configuration;

/// <summary>Small valid configuration texts that tests vary one key at a time.</summary>
internal static class SampleConfig
{
    public const string SourcesFile = "sources.yaml";
    public const string MappingsFile = "field_mappings.yaml";

    public const string Sources = """
        lake:
          root: ./lake
        hubspot:
          auth:
            token: env:HUBSPOT_TOKEN
        dynamics:
          org_uri: https://contoso.crm.dynamics.com
          tenant_id: tenant-1
          client_id: client-1
          auth:
            client_secret: env:D365_CLIENT_SECRET
          option_sets:
            new_lifecyclestage:
              lead: 100000001
              customer: 100000005
          lookups:
            parentcustomerid:
              navigation_property: parentcustomerid_account
              entity_set: accounts
        """;

    public const string Mappings = """
        create_missing:
          to_hubspot: true
          to_dynamics: true
        fields:
          - name: email
            type: email
            hubspot: email
            dynamics: emailaddress1
          - name: first_name
            type: string
            hubspot: firstname
            dynamics: firstname
          - name: lifecycle_stage
            type: option_set
            hubspot: lifecyclestage
            dynamics: new_lifecyclestage
            conflict: hubspot_wins
          - name: account_id
            type: lookup
            hubspot: dynamics_account_id
            dynamics: parentcustomerid
            direction: to_hubspot
        """;
}
