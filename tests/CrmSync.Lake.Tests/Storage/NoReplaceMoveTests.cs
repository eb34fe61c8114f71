using CrmSync.Lake.Storage;
using CrmSync.Lake.Tests.Support;

namespace CrmSync.Lake.Tests.Storage;

public class NoReplaceMoveTests
{
    [Fact]
    public void Of_writers_moving_to_the_same_name_at_the_same_moment_exactly_one_wins_and_is_kept()
    {
        using var dir = new TempDirectory();
        const int Rounds = 100;
        const int Writers = 4;
        using var start = new Barrier(Writers);

        var wins = new int[Rounds, Writers];
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var source = Path.Combine(dir.Path, $"temp-{round}-{w}");
                File.WriteAllText(source, $"writer {w}");
                start.SignalAndWait();
                wins[round, w] = NoReplaceMove.TryMove(source, Path.Combine(dir.Path, $"target-{round}")) ? 1 : 0;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (var round = 0; round < Rounds; round++)
        {
            var winners = Enumerable.Range(0, Writers).Where(w => wins[round, w] == 1).ToList();
            winners.Should().ContainSingle($"round {round} has one winner");
            File.ReadAllText(Path.Combine(dir.Path, $"target-{round}")).Should().Be($"writer {winners[0]}");
            foreach (var loser in Enumerable.Range(0, Writers).Except(winners))
                File.Exists(Path.Combine(dir.Path, $"temp-{round}-{loser}")).Should().BeTrue("a loser's file is left to its owner");
        }
    }
}
