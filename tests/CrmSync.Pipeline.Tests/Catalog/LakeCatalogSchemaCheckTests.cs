using CrmSync.Core.Configuration;
using CrmSync.Lake;
using CrmSync.Lake.Protocol;
using CrmSync.Pipeline.Catalog;
using CrmSync.Pipeline.Tests.Support;

namespace CrmSync.Pipeline.Tests.Catalog;

/// <summary>The catalog's check refuses a table whose schema setup refuses to change, naming the change; setup's own
/// comparison, and readers, still read the table as it is.</summary>
public sealed class LakeCatalogSchemaCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TableSchemas _schemas = new(SyncConfiguration.Load(
        TestConfigs.Sources.Replace("{READ_MODE}", "incremental", StringComparison.Ordinal), "sources.yaml",
        TestConfigs.Mappings.Replace("{TO_HUBSPOT}", "true", StringComparison.Ordinal).Replace("{TO_DYNAMICS}", "true", StringComparison.Ordinal),
        "field_mappings.yaml",
        new Dictionary<string, string> { ["HUBSPOT_TOKEN"] = "test-token", ["D365_CLIENT_SECRET"] = "test-secret" }).Mappings);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_table_with_a_changed_column_type_is_refused_naming_it_and_the_columns_setup_would_add()
    {
        var catalog = LakeCatalog.ForDirectory(_folder.Path, _schemas, TimeProvider.System);
        var path = TableNames.RelativePath(TableNames.Watermarks);
        var foreign = new StructType(_schemas[TableNames.Watermarks].Fields
            .Where(f => f.Name != "watermark")
            .Select(f => f.Name == "cursor" ? new StructField("cursor", PrimitiveType.Long) : f));
        var created = await DeltaTable.CreateAsync(catalog.Store, path, foreign);

        var check = () => catalog.EnsureCurrentAsync(TableNames.Watermarks, CancellationToken.None);

        await check.Should().ThrowAsync<InvalidOperationException>().WithMessage(
            "Table meta.watermarks does not match the schema this version of CrmSync (or its field_mappings.yaml) needs: "
            + "column 'cursor' is long in the table but the configuration needs string; setup never changes a column's type: migrate the table by hand; "
            + "it also lacks column(s) watermark, which `crmsync setup` adds once that is fixed. Nothing was changed.");
        var diff = await catalog.CompareSchemaAsync(TableNames.Watermarks, CancellationToken.None);
        diff.MissingColumns.Select(c => c.Name).Should().Equal("watermark");
        diff.Problems.Should().ContainSingle().Which.Should().StartWith("column 'cursor' is long");
        (await catalog.OpenAsync(TableNames.Watermarks, CancellationToken.None)).Version.Should().Be(created.Version, "readers open it as it is");
    }
}
