using CrmSync.Connectors.Dynamics;

namespace CrmSync.Connectors.Tests.Dynamics;

/// <summary>Mapping $batch answers to inputs when the service does or does not echo Content-IDs.</summary>
public sealed class DynamicsBatchResultMapperTests
{
    private const string NotFound = "{\"error\":{\"code\":\"0x80040217\",\"message\":\"contact Does Not Exist\"}}";

    private static readonly DynamicsContactWrite[] Writes =
        [.. Enumerable.Range(1, 4).Select(i => new DynamicsContactWrite($"k{i}", Guid.NewGuid(), false, new Dictionary<string, object?>()))];

    [Fact]
    public void Answers_without_content_ids_map_by_order()
    {
        var results = DynamicsBatchResultMapper.Map(Writes, 1, [new(null, 204, ""), new(null, 404, NotFound), new(null, 204, ""), new(null, 204, "")]);

        results.Select(r => (r.InputKey, r.Succeeded, r.Status)).Should().Equal(("k1", true, 204), ("k2", false, 404), ("k3", true, 204), ("k4", true, 204));
        results[1].ErrorCode.Should().Be("0x80040217");
    }

    [Fact]
    public void A_failed_change_set_without_a_content_id_blames_no_one_and_stays_retryable()
    {
        var results = DynamicsBatchResultMapper.Map(Writes, 2, [new(null, 400, NotFound), new(3, 204, ""), new(4, 204, "")]);

        results.Take(2).Should().OnlyContain(r => !r.Succeeded && r.Retryable && r.ErrorCode == "0x80040217" && r.Message!.Contains("did not say which", StringComparison.Ordinal));
        results.Skip(2).Should().OnlyContain(r => r.Succeeded);
    }

    [Fact]
    public void A_failed_change_set_with_a_content_id_blames_that_operation_only()
    {
        var results = DynamicsBatchResultMapper.Map(Writes, 2, [new(1, 204, ""), new(2, 204, ""), new(4, 404, NotFound)]);

        results.Take(2).Should().OnlyContain(r => r.Succeeded);
        results[3].Should().Match<CrmSync.Connectors.Common.RecordWriteResult>(r => !r.Succeeded && !r.Retryable && r.Status == 404);
        results[2].Should().Match<CrmSync.Connectors.Common.RecordWriteResult>(r => !r.Succeeded && r.Retryable && r.ErrorCode == "CHANGESET_ROLLED_BACK");
    }

    [Fact]
    public void Operations_after_a_stopped_batch_are_not_processed_and_retryable()
    {
        var results = DynamicsBatchResultMapper.Map(Writes, 1, [new(1, 204, ""), new(2, 404, NotFound)]);

        results[2..].Should().OnlyContain(r => !r.Succeeded && r.Retryable && r.ErrorCode == "NOT_PROCESSED");
    }
}
