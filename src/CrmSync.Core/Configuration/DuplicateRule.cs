namespace CrmSync.Core.Configuration;

/// <summary>Which record of one CRM is linked when several of them share an email.</summary>
public enum DuplicateRule
{
    MostRecentlyModified,
    OldestCreated,

    /// <summary>The smallest source id (ordinal), for a rule that never changes its mind.</summary>
    LowestId,
}
