using System.Text;
using CrmSync.Lake.Protocol;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Log;

public class TableFeatureTests
{
    private const string Schema = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";

    private static async Task<DeltaTable> OpenSyntheticAsync(TempDirectory dir, string protocol, string configuration = "{}")
    {
        var log = Path.Combine(dir.Path, "t", "_delta_log");
        Directory.CreateDirectory(log);
        var text = new StringBuilder()
            .Append("{\"protocol\":").Append(protocol).Append("}\n")
            .Append("{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\"").Append(Schema)
            .Append("\",\"partitionColumns\":[],\"configuration\":").Append(configuration).Append(",\"createdTime\":1}}\n");
        await File.WriteAllTextAsync(Path.Combine(log, "00000000000000000000.json"), text.ToString());
        return await DeltaTable.OpenAsync(TestTables.Store(dir), "t");
    }

    [Theory]
    [InlineData("{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],\"writerFeatures\":[\"v2Checkpoint\"]}", "v2Checkpoint")]
    [InlineData("{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"timestampNtz\",\"someFutureFeature\"],\"writerFeatures\":[]}", "someFutureFeature")]
    [InlineData("{\"minReaderVersion\":4,\"minWriterVersion\":7}", "readerVersion 4")]
    public async Task Tables_needing_an_unsupported_reader_feature_are_refused_naming_it(string protocol, string feature)
    {
        using var dir = new TempDirectory();
        var act = () => OpenSyntheticAsync(dir, protocol);
        var error = (await act.Should().ThrowAsync<UnsupportedTableFeatureException>()).Which;
        error.Feature.Should().Be(feature);
        error.Message.Should().Contain(feature);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("id")]
    public async Task Column_mapping_on_a_reader_2_table_is_refused(string mode)
    {
        using var dir = new TempDirectory();
        var act = () => OpenSyntheticAsync(dir, "{\"minReaderVersion\":2,\"minWriterVersion\":5}",
            "{\"delta.columnMapping.mode\":\"" + mode + "\"}");
        (await act.Should().ThrowAsync<UnsupportedTableFeatureException>()).Which.Feature.Should().Be(TableFeatures.ColumnMapping);
    }

    [Theory]
    [InlineData("timestampNtz")]
    [InlineData("deletionVectors")]
    public async Task Reader_3_with_supported_features_reads(string feature)
    {
        using var dir = new TempDirectory();
        var table = await OpenSyntheticAsync(dir,
            "{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"" + feature + "\"],\"writerFeatures\":[\"" + feature + "\"]}");
        table.Version.Should().Be(0);
        (await table.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Writing_to_a_table_with_an_unknown_writer_feature_is_refused()
    {
        using var dir = new TempDirectory();
        var table = await OpenSyntheticAsync(dir,
            "{\"minReaderVersion\":1,\"minWriterVersion\":7,\"writerFeatures\":[\"checkConstraints\"]}");
        var act = () => table.AppendAsync([]);
        (await act.Should().ThrowAsync<UnsupportedTableFeatureException>()).Which.Feature.Should().Be("checkConstraints");
    }
}
