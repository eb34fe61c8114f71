using System.Security.Cryptography;
using System.Text;
using CrmSync.Core.Configuration;
using CrmSync.Core.Contacts;

namespace CrmSync.Core.History;

/// <summary>
/// SHA-256 (lower-case hex) of a unified contact's normalized field values in ordinal name order,
/// each as <c>name US value RS</c> (a NUL stands for empty), so equal contents give equal checksums
/// and no two contents collide through concatenation.
/// </summary>
public static class ContactChecksum
{
    private const char UnitSeparator = '\u001F';
    private const char RecordSeparator = '\u001E';
    private const char EmptyMarker = '\u0000';

    public static string Compute(UnifiedContact contact, FieldMappingSet mappings)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(mappings);
        var canonical = new StringBuilder(256);
        foreach (var field in mappings.SortedByName)
        {
            var value = contact.Fields.TryGetValue(field.Name, out var unified) ? unified.Value : null;
            canonical.Append(field.Name).Append(UnitSeparator);
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

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
