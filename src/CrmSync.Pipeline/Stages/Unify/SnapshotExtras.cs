namespace CrmSync.Pipeline.Stages.Unify;

/// <summary>What a snapshot row holds besides Core's <see cref="Core.Contacts.ContactSnapshot"/>: the raw values of the version held, first sight.</summary>
internal sealed record SnapshotExtras(IReadOnlyDictionary<string, string?> Raw, DateTimeOffset FirstSeenAt);
