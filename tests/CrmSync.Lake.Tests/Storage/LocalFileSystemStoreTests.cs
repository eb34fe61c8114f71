using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Storage;

public class LocalFileSystemStoreTests
{
    [Fact]
    public async Task A_local_file_draft_is_the_object_itself_once_published()
    {
        using var dir = new TempDirectory();
        var store = TestTables.Store(dir);

        using (var draft = await store.CreateLocalFileAsync("t/part-1.parquet"))
        {
            draft.Path.Should().Be(store.FullPath("t/part-1.parquet"));
            await File.WriteAllBytesAsync(draft.Path, [1, 2, 3]);
            await draft.PublishAsync();
        }

        (await store.ReadAllAsync("t/part-1.parquet")).Should().Equal(1, 2, 3);
        (await store.StatAsync("t/part-1.parquet"))!.Size.Should().Be(3);
    }

    [Fact]
    public async Task A_draft_disposed_without_publishing_leaves_nothing()
    {
        using var dir = new TempDirectory();
        var store = TestTables.Store(dir);

        using (var draft = await store.CreateLocalFileAsync("t/part-1.parquet"))
            await File.WriteAllBytesAsync(draft.Path, [1, 2, 3]);

        (await store.StatAsync("t/part-1.parquet")).Should().BeNull();
        Directory.GetFiles(Path.Combine(dir.Path, "t")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_draft_for_an_existing_object_is_refused_and_the_object_kept()
    {
        using var dir = new TempDirectory();
        var store = TestTables.Store(dir);
        await store.PutAsync("t/part-1.parquet", new byte[] { 9 });

        var create = () => store.CreateLocalFileAsync("t/part-1.parquet");

        await create.Should().ThrowAsync<IOException>();
        (await store.ReadAllAsync("t/part-1.parquet")).Should().Equal(9);
    }

    [Fact]
    public async Task A_write_that_never_finishes_is_a_listed_orphan_not_a_hidden_temp_file()
    {
        using var dir = new TempDirectory();
        var store = TestTables.Store(dir);

        // Neither published nor disposed: what a killed process leaves behind.
        var draft = await store.CreateLocalFileAsync("t/part-1.parquet");
        await File.WriteAllBytesAsync(draft.Path, [1, 2]);

        var listed = new List<string>();
        await foreach (var info in store.ListAsync("t/"))
            listed.Add(info.Key);
        listed.Should().Equal(["t/part-1.parquet"], "vacuum finds orphans by listing, and a temp file would be hidden from it");
    }
}
