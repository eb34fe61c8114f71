using System.Diagnostics;
using System.Globalization;
using CrmSync.Sandbox.Seeding;

namespace CrmSync.Cli.Emulators;

/// <summary>
/// A seeded emulator in a child `crmsync sandbox serve` process, so the CPU time, heap and garbage collections of
/// whoever calls it are measured apart from the emulator's. Ends when its standard input closes.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>CPU time the emulator process has used so far (all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<EmulatorProcess> StartAsync(CrmSystem system, SeedOptions seeding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeding);
        var start = CrmSyncStartInfo();
        foreach (var argument in new[]
        {
            "sandbox", "serve", "--system", system.ToString().ToLowerInvariant(), "--contacts", seeding.Count.ToString(CultureInfo.InvariantCulture),
            "--seed", seeding.Seed.ToString(CultureInfo.InvariantCulture), "--no-limits",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName} sandbox serve");
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                {
                    return new EmulatorProcess(process, new Uri(line.Trim()));
                }
            }

            var error = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"sandbox serve --system {system} ended before printing its URL: {error.Trim()}");
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>This same `crmsync`: the apphost itself, or the dotnet host given crmsync.dll (tests, `dotnet crmsync.dll`).
    /// Without the caller's GC settings: a heap cap given to a benchmark is the benchmark's, not the emulator's.</summary>
    private static ProcessStartInfo CrmSyncStartInfo()
    {
        var self = Environment.ProcessPath;
        var isCrmSync = self is not null && Path.GetFileNameWithoutExtension(self) == "crmsync";
        var start = new ProcessStartInfo(isCrmSync ? self! : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!isCrmSync)
        {
            start.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        }

        RemoveGcSettings(start.Environment);
        return start;
    }

    /// <summary>Drops the runtime's GC settings (DOTNET_GC*, DOTNET_gc*, legacy COMPlus_GC*) from a child's environment.</summary>
    internal static void RemoveGcSettings(IDictionary<string, string?> environment)
    {
        var names = environment.Keys.Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("COMPlus_GC", StringComparison.OrdinalIgnoreCase));
        foreach (var name in names.ToList())
        {
            environment.Remove(name);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        process.StandardInput.Close();
        using var grace = new CancellationTokenSource(ExitGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
