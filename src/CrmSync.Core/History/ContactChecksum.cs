using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;
using CrmSync.Core.Hashing;

namespace CrmSync.Core.History;

/// <summary>
/// SHA-256 (lower-case hex) of a unified contact's normalized field values in ordinal name order,
/// each as <c>name US value RS</c> (a NUL stands for empty), so equal contents give equal checksums
/// and no two contents collide through concatenation.
/// </summary>
public static class ContactChecksum
{
    private const byte UnitSeparator = 0x1F;
    private const byte RecordSeparator = 0x1E;
    private const byte EmptyMarker = 0x00;
    private const int StackBytes = 1024;

    public static string Compute(UnifiedContact contact, FieldMappingSet mappings)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(mappings);
        // The separators are ASCII, so encoding name and value one by one gives the bytes of the whole canonical text.
        var canonical = new Utf8Scratch(stackalloc byte[StackBytes]);
        try
        {
            var fields = mappings.SortedByName;
            for (var i = 0; i < fields.Count; i++) // indexed: a foreach over the interface would box its enumerator
            {
                var field = fields[i];
                var value = contact.Fields.TryGetValue(field.Name, out var unified) ? unified.Value : null;
                canonical.Append(field.Name);
                canonical.Append(UnitSeparator);
                if (value is null)
                {
                    canonical.Append(EmptyMarker);
                }
                else
                {
                    canonical.Append(value);
                }

                canonical.Append(RecordSeparator);
            }

            return canonical.ToSha256Hex();
        }
        finally
        {
            canonical.Dispose();
        }
    }
}
