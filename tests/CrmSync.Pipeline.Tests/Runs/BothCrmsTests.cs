using CrmSync.Pipeline.Stages;
using FluentAssertions;
using Xunit;

namespace CrmSync.Pipeline.Tests.Runs;

public class BothCrmsTests
{
    [Fact]
    public async Task Runs_the_two_halves_at_once_and_returns_each_result_in_its_place()
    {
        // Each half waits for the other to start: run in turn, the first would wait forever.
        var hubspotStarted = new TaskCompletionSource();
        var dynamicsStarted = new TaskCompletionSource();
        var timeout = TimeSpan.FromSeconds(30);

        var (hubspot, dynamics) = await BothCrms.RunAsync(
            async () =>
            {
                hubspotStarted.SetResult();
                await dynamicsStarted.Task.WaitAsync(timeout);
                return "hubspot";
            },
            async () =>
            {
                dynamicsStarted.SetResult();
                await hubspotStarted.Task.WaitAsync(timeout);
                return "dynamics";
            });

        hubspot.Should().Be("hubspot");
        dynamics.Should().Be("dynamics");
    }

    [Fact]
    public async Task A_failing_half_fails_the_step_after_the_other_half_has_finished()
    {
        var otherFinished = false;

        var act = () => BothCrms.RunAsync(
            () => Task.FromException(new InvalidOperationException("hubspot half failed")),
            async () =>
            {
                await Task.Delay(50);
                otherFinished = true;
            });

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("hubspot half failed");
        otherFinished.Should().BeTrue("a step must not end while its other half still writes");
    }
}
