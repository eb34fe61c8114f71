using Apache.Arrow;
using CrmSync.Lake.Storage;
using ParquetSharp;
using ParquetSharp.Arrow;
using ParquetSharp.IO;

namespace CrmSync.Lake.Parquet;

/// <summary>
/// Where a <see cref="DataFileWriter"/>'s bytes go. ParquetSharp always writes them natively, to a path or a native
/// buffer, never through a .NET Stream: a stream makes native code call managed delegates, and a writer finalized
/// instead of disposed (after a failure) then calls collected delegates on the finalizer thread and kills the process.
/// </summary>
internal abstract class ParquetOutput : IDisposable
{
    public abstract FileWriter OpenWriter(Schema schema, WriterProperties properties, ArrowWriterProperties arrowProperties);

    /// <summary>After the writer is closed: puts the bytes where they belong and returns their size.</summary>
    public abstract Task<long> CompleteAsync();

    public abstract void Dispose();

    /// <summary>A new object of an <see cref="IObjectStore"/>, written to the local file the store lends.</summary>
    public static async Task<ParquetOutput> ToObjectAsync(IObjectStore store, string key, CancellationToken cancellationToken) =>
        new DraftOutput(await store.CreateLocalFileAsync(key, cancellationToken).ConfigureAwait(false));

    /// <summary>A caller's stream, given the whole file at once when it is complete (checkpoints, built in memory).</summary>
    public static ParquetOutput ToStream(Stream stream) => new MemoryOutput(stream);

    private sealed class DraftOutput(LocalFileDraft draft) : ParquetOutput
    {
        public override FileWriter OpenWriter(Schema schema, WriterProperties properties, ArrowWriterProperties arrowProperties) =>
            new(draft.Path, schema, properties, arrowProperties);

        public override async Task<long> CompleteAsync()
        {
            var size = new FileInfo(draft.Path).Length;
            await draft.PublishAsync().ConfigureAwait(false);
            return size;
        }

        public override void Dispose() => draft.Dispose();
    }

    private sealed class MemoryOutput(Stream target) : ParquetOutput
    {
        private readonly BufferOutputStream _buffer = new();

        public override FileWriter OpenWriter(Schema schema, WriterProperties properties, ArrowWriterProperties arrowProperties) =>
            new(_buffer, schema, properties, arrowProperties);

        public override async Task<long> CompleteAsync()
        {
            using var written = _buffer.Finish();
            var bytes = written.ToArray();
            await target.WriteAsync(bytes).ConfigureAwait(false);
            return bytes.Length;
        }

        public override void Dispose() => _buffer.Dispose();
    }
}
