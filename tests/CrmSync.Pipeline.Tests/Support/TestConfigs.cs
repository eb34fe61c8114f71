namespace CrmSync.Pipeline.Tests.Support;

/// <summary>Configuration files for the end-to-end runs: the shipped rules (minus the account lookup, which the
/// HubSpot emulator has no custom property for) with endpoints filled in from the environment overrides.</summary>
internal static class TestConfigs
{
    public const string Sources = """
        lake:
          root: ./lake-from-file
        secrets:
          key_vault_uri: ~
        hubspot:
          base_url: https://api.hubapi.com
          auth:
            mode: private_app_token
            token: env:HUBSPOT_TOKEN
          rate_limits:
            per_10s: 190
            search_per_second: 5
            daily: 250000
          batch_size: 100
          page_size: 200
          lookback: 5m
        dynamics:
          org_uri: https://contoso.crm.dynamics.com
          authority_host: https://login.microsoftonline.com
          tenant_id: 00000000-0000-0000-0000-000000000000
          client_id: 00000000-0000-0000-0000-000000000000
          auth:
            mode: client_secret
            client_secret: env:D365_CLIENT_SECRET
          read_mode: {READ_MODE}
          rate_limits:
            per_5min: 6000
            concurrency: 8
          batch_size: 100
          page_size: 5000
          lookback: 5m
          option_sets:
            new_lifecyclestage:
              subscriber: 100000000
              lead: 100000001
              marketingqualifiedlead: 100000002
              salesqualifiedlead: 100000003
              opportunity: 100000004
              customer: 100000005
              evangelist: 100000006
              other: 100000007
          lookups:
            parentcustomerid:
              navigation_property: parentcustomerid_account
              entity_set: accounts
        retry:
          max_attempts: 3
          base_delay: 5ms
          max_delay: 50ms
        push:
          max_attempts: 3
          base_backoff: 100ms
          max_backoff: 200ms
        crosswalk:
          duplicate_rule: most_recently_modified
        """;

    public const string Mappings = """
        match_field: email
        create_missing:
          to_hubspot: {TO_HUBSPOT}
          to_dynamics: {TO_DYNAMICS}
        fields:
          - name: email
            type: email
            hubspot: email
            dynamics: emailaddress1
            conflict: latest_wins
          - name: first_name
            type: string
            hubspot: firstname
            dynamics: firstname
          - name: last_name
            type: string
            hubspot: lastname
            dynamics: lastname
          - name: phone
            type: phone
            hubspot: phone
            dynamics: telephone1
            conflict: dynamics_wins
          - name: mobile_phone
            type: phone
            hubspot: mobilephone
            dynamics: mobilephone
            strategy: fill_if_missing
          - name: job_title
            type: string
            hubspot: jobtitle
            dynamics: jobtitle
            conflict: manual
          - name: city
            type: string
            hubspot: city
            dynamics: address1_city
          - name: state
            type: string
            hubspot: state
            dynamics: address1_stateorprovince
          - name: postal_code
            type: string
            hubspot: zip
            dynamics: address1_postalcode
          - name: country
            type: string
            hubspot: country
            dynamics: address1_country
          - name: lifecycle_stage
            type: option_set
            hubspot: lifecyclestage
            dynamics: new_lifecyclestage
            conflict: hubspot_wins
          - name: email_opt_out
            type: boolean
            hubspot: hs_email_optout
            dynamics: donotbulkemail
            conflict: latest_wins
        """;
}
