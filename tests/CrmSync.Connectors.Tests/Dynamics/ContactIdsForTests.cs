using System.Security.Cryptography;
using System.Text;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Stable contactids for the tests' creates: the same key always gives the same id. (The pipeline mints its own
/// with Core's UUID v5; the connector takes whatever id it is given.)</summary>
internal static class ContactIdsForTests
{
    public static Guid For(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
