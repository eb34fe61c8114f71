using CrmSync.Pipeline.Locking;
using CrmSync.Pipeline.Runs;
using Microsoft.Extensions.Logging;

namespace CrmSync.Pipeline;

/// <summary>The run lock around stage execution: every stage verb and <c>run</c> hold the lake's <see cref="Locking.RunLock"/>,
/// so two overlapping invocations never both write or push; a stage of <c>run</c> re-enters the lock <c>run</c> holds.</summary>
public sealed partial class SyncPipeline
{
    private const string RunVerb = "run";

    private RunLock? _runLock;
    private HeldRunLock? _held;

    /// <summary>The lake's run lock (held by a running stage; read it for its holder, break it with <c>crmsync unlock</c>).</summary>
    public RunLock RunLock => _runLock ??= new RunLock(Catalog.Store, _host.Clock, _host.RunLock);

    /// <summary>Runs one stage by its verb name, holding the run lock. A failure is recorded and returned (status FAILED), not
    /// thrown, except an injected crash, which escapes like a dying process would. Throws <see cref="RunLockedException"/>
    /// when another invocation holds the lock, and <see cref="RunLockLostException"/> when the lock is lost mid-stage (the
    /// stage stops and is resumed by the next invocation).</summary>
    public async Task<StageResult> RunStageAsync(string stageName, StageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runOptions = options with { RunId = options.RunId ?? NewRunId() };
        await using var runLock = await EnterRunLockAsync(stageName, runOptions.RunId, cancellationToken).ConfigureAwait(false);
        var held = _held!;
        using var stopOnLoss = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        try
        {
            return await ExecuteStageAsync(stageName, runOptions, stopOnLoss.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RunLockLostException(stageName, held.Successor);
        }
    }

    /// <summary>Takes the run lock, or when this pipeline already holds it (a stage of <c>run</c>) records the stage reached.
    /// Disposing the result releases a lock taken here.</summary>
    private async Task<IAsyncDisposable> EnterRunLockAsync(string stage, string? runId, CancellationToken cancellationToken)
    {
        if (_held is not null)
        {
            await _held.RenewAsync(stage, cancellationToken).ConfigureAwait(false);
            return NestedRunLock.Instance;
        }

        var held = await RunLock.AcquireAsync(RunLockOwner.Current(runId, stage), cancellationToken).ConfigureAwait(false);
        if (held.TookOver)
        {
            LogTookOver(held.Previous!.ToString());
        }

        _held = held;
        return new HeldRunLockScope(this, held);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over the lake's run lock: its lease expired without a release ({Previous}): that invocation crashed or hung; a stage it left RUNNING resumes when next run")]
    private partial void LogTookOver(string previous);

    private sealed class HeldRunLockScope(SyncPipeline pipeline, HeldRunLock held) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            pipeline._held = null;
            await held.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class NestedRunLock : IAsyncDisposable
    {
        public static readonly NestedRunLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
