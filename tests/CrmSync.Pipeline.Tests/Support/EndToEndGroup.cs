namespace CrmSync.Pipeline.Tests.Support;

/// <summary>End-to-end tests run one at a time: each starts two emulators and writes a lake, and on 2 shared cores
/// running them side by side only makes each slower.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndGroup
{
    public const string Name = "end-to-end";
}
