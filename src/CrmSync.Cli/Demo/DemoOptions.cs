namespace CrmSync.Cli.Demo;

/// <summary>What `crmsync demo` was asked to do.</summary>
/// <param name="LakeRoot">Where the demo lake is written (replaced on every demo).</param>
/// <param name="ConfigDirectory">The folder holding the shipped sources.yaml and field_mappings.yaml.</param>
/// <param name="ContactsPerSide">Contacts seeded into each emulator.</param>
/// <param name="Seed">Seed of the generated people: the same seed gives the same demo.</param>
/// <param name="Reset">Replace a non-empty lake folder even when an earlier demo did not make it.</param>
internal sealed record DemoOptions(string LakeRoot, string ConfigDirectory, int ContactsPerSide, int Seed, bool Reset);
