using Microsoft.Extensions.Time.Testing;

namespace CrmSync.Connectors.Tests.Common;

/// <summary>
/// Moves a fake clock forward in small steps until a task completes, so retry backoffs, rate
/// windows and timeouts that run on the clock finish instantly in real time.
/// </summary>
public static class FakeClockPump
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Task<T> task, TimeSpan? step = null)
    {
        await RunAsync(clock, (Task)task, step);
        return await task;
    }

    public static async Task RunAsync(FakeTimeProvider clock, Task task, TimeSpan? step = null)
    {
        var advance = step ?? TimeSpan.FromMilliseconds(250);
        var rounds = 0;
        while (!task.IsCompleted)
        {
            // Let in-flight I/O progress before moving time on.
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                clock.Advance(advance);
            }

            if (++rounds > 200_000)
            {
                throw new TimeoutException("The task did not complete within 200,000 clock steps.");
            }
        }

        await task;
    }
}
