using CrmSync.Lake;
using CrmSync.Lake.Protocol;

namespace CrmSync.Cli.Bench;

/// <summary>
/// Contact rows shaped like the pipeline's silver snapshots: the 21 <see cref="ContactRowGenerator"/> columns plus
/// the nested columns those tables carry (a map&lt;string,string&gt; of field texts, a map&lt;string,timestamp&gt; of
/// when each field changed, an array&lt;string&gt; of changed fields), every value a pure function of the row number.
/// </summary>
public static class ContactSnapshotRowGenerator
{
    // Contact columns whose texts the maps carry, by ordinal in ContactRowGenerator.Schema.
    private static readonly (string Field, int Ordinal)[] MappedFields =
    [
        ("email", 1), ("firstname", 2), ("lastname", 3), ("phone", 4), ("company", 5),
        ("jobtitle", 6), ("city", 7), ("country", 8), ("lifecyclestage", 9), ("hs_lead_status", 10),
    ];

    public static StructType Schema { get; } = new(ContactRowGenerator.Schema.Fields.Concat(
    [
        new StructField("field_texts", new MapType(PrimitiveType.String, PrimitiveType.String)),
        new StructField("field_changed_at", new MapType(PrimitiveType.String, PrimitiveType.Timestamp)),
        new StructField("changed_fields", new ArrayType(PrimitiveType.String)),
    ]));

    public static Row Snapshot(long row)
    {
        var contact = ContactRowGenerator.Values(row);
        var updated = (DateTimeOffset)contact[18]!;
        var texts = new List<KeyValuePair<object, object?>>(MappedFields.Length);
        var changedAt = new List<KeyValuePair<object, object?>>(MappedFields.Length);
        var changed = new List<object?>();
        for (var i = 0; i < MappedFields.Length; i++)
        {
            var (field, ordinal) = MappedFields[i];
            texts.Add(new(field, contact[ordinal]));
            changedAt.Add(new(field, updated.AddMinutes(-((row + i) % 97))));
            if ((row + i) % 4 == 0)
            {
                changed.Add(field);
            }
        }

        return new Row(Schema, [.. contact, texts, changedAt, changed]);
    }

    public static async IAsyncEnumerable<Row> SnapshotsAsync(long count)
    {
        for (long row = 0; row < count; row++)
        {
            yield return Snapshot(row);
            if (row % 65_536 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
