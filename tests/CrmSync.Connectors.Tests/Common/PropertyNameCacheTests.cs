using System.Text;
using System.Text.Json;
using CrmSync.Connectors.Common;

namespace CrmSync.Connectors.Tests.Common;

public sealed class PropertyNameCacheTests
{
    [Fact]
    public void A_name_repeated_across_records_is_one_string_whatever_its_position_or_escaping()
    {
        var names = NamesPerRecord("""[{"email":1,"firstname":2},{"firstname":3,"email":4},{"em\u0061il":5,"city":6},{"email":7}]""");

        names.Should().BeEquivalentTo(new[] { ["email", "firstname"], ["firstname", "email"], ["email", "city"], new[] { "email" } }, o => o.WithStrictOrdering());
        names.SelectMany(n => n).Where(n => n == "email").Should().OnlyContain(n => ReferenceEquals(n, names[0][0]));
        names[1][0].Should().BeSameAs(names[0][1]);
    }

    [Fact]
    public void A_name_longer_than_the_cached_length_is_still_read_whole()
    {
        var longName = new string('x', 300) + "é";

        NamesPerRecord($$"""[{"{{longName}}":1}]""").Should().ContainSingle().Which.Should().Equal(longName);
    }

    private static List<List<string>> NamesPerRecord(string json)
    {
        var cache = new PropertyNameCache();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var records = new List<List<string>>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var names = new List<string>();
            for (var position = 0; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; position++)
            {
                names.Add(cache.Get(ref reader, position));
                reader.Read();
            }

            records.Add(names);
        }

        return records;
    }
}
