using System.Globalization;
using CrmSync.Connectors.Common;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;

namespace CrmSync.Pipeline.Stages.Ingest;

/// <summary>One CRM record as a bronze row: raw JSON payload and its hash, the mapped properties flattened, ids and times.</summary>
internal sealed class BronzeRowMapper(StructType schema, IReadOnlyList<string> mappedColumns, string createdAtProperty)
{
    /// <param name="payloadHash">The record's <see cref="PayloadHash"/> (the caller has it already).</param>
    public Row Map(CrmRecord record, long payloadHash, string runId, long ingestSeq, DateTimeOffset ingestedAt)
    {
        var row = new RowDraft(schema)
        {
            ["source_id"] = record.Id,
            ["source_updated_at"] = record.ModifiedAt.ToUniversalTime(),
            ["source_created_at"] = CreatedAt(record),
            ["is_deleted"] = record.IsDeleted,
            ["payload"] = record.RawJson,
            ["payload_hash"] = payloadHash,
            ["run_id"] = runId,
            ["ingest_seq"] = ingestSeq,
            ["ingested_at"] = ingestedAt,
        };
        foreach (var column in mappedColumns)
        {
            row[column] = record.Properties.GetValueOrDefault(column);
        }

        return row.ToRow();
    }

    private DateTimeOffset? CreatedAt(CrmRecord record)
    {
        if (record.Properties.GetValueOrDefault(createdAtProperty) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochMs))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }
}
