using System.Globalization;

namespace CrmSync.Core.Contacts;

/// <summary>A record's identity across the lake: its CRM plus that CRM's id. Prints as <c>hubspot:123</c>.</summary>
public readonly record struct SourceKey(SourceSystem System, string Id)
{
    public override string ToString() => SourceSystemNames.Of(System) + ":" + Id;

    /// <summary>Writes <see cref="ToString"/>'s text into <paramref name="destination"/>; false when it does not fit.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{SourceSystemNames.Of(System)}:{Id}", out charsWritten);
}
