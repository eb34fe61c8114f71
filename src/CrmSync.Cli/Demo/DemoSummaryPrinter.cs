using System.Globalization;
using CrmSync.Cli.Output;
using CrmSync.Pipeline.Operations.Convergence;
using CrmSync.Pipeline.Runs;

namespace CrmSync.Cli.Demo;

/// <summary>The summary a person reads in ten seconds: rounds, tables, conflicts, dead letters, convergence.</summary>
internal static class DemoSummaryPrinter
{
    /// <summary>Disagreements listed one by one; beyond this they are only counted by reason.</summary>
    private const int ListedFindings = 10;

    public static void Print(CliConsole console, DemoResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var convergence = result.Convergence;
        console.Table(["round", "read HubSpot", "read Dynamics", "deltas", "pushed to HubSpot", "pushed to Dynamics", "failed", "time"],
            [.. result.Rounds.Select(RoundRow)], "Sync rounds");
        console.Table(["table", "rows"],
            [.. result.Tables.Select(t => (IReadOnlyList<string?>)[t.Table, t.Exists ? N(t.Rows) : "missing"])], "Tables in " + result.Options.LakeRoot);

        console.Info(Invariant($"CRMs now: {result.HubSpotContacts:N0} HubSpot contacts, {result.DynamicsContacts:N0} Dynamics contacts"));
        console.Info(Invariant($"Conflicts: {result.OpenFieldConflicts:N0} manual field conflicts open, {convergence.Excluded.Count:N0} duplicate-email records excluded from sync"));
        console.Info(Invariant($"Dead letters: {result.OpenDeadLetters.Count:N0} open") + (result.OpenDeadLetters.Count == 0 ? ""
            : " (" + string.Join("; ", result.OpenDeadLetters.GroupBy(d => $"{d.System} {d.ErrorCode}").Select(g => Invariant($"{g.Count()}x {g.Key}"))) + ")"));
        foreach (var group in convergence.Explained.GroupBy(f => Category(f.Explanation!)).OrderByDescending(g => g.Count()))
        {
            console.Info(Invariant($"  explained: {group.Count():N0} x {group.Key}"));
        }

        foreach (var excluded in convergence.Excluded.Take(3))
        {
            console.Info($"  excluded: {excluded.System} {excluded.SourceId}: {excluded.Reason}");
        }

        foreach (var finding in convergence.Unexplained.Take(ListedFindings))
        {
            console.Info($"  UNEXPLAINED: person {finding.UnifiedContactId} {finding.Field}: HubSpot '{finding.HubSpotValue}' vs Dynamics '{finding.DynamicsValue}'");
        }

        console.Info(Invariant(
            $"Convergence: {convergence.PeopleCompared:N0} people x bi fields = {convergence.FieldsCompared:N0} values compared, {convergence.FieldsAgreeing:N0} agree, {convergence.Explained.Count:N0} differ for a known reason, {convergence.Unexplained.Count:N0} unexplained -> {(convergence.Converged ? "CONVERGED" : "NOT CONVERGED")}"));
        console.Info(Invariant($"Demo finished in {result.Elapsed.TotalSeconds:0.0}s. Explore: crmsync status --lake {result.Options.LakeRoot} | crmsync sql \"SELECT * FROM silver.contacts_unified LIMIT 10\" --lake {result.Options.LakeRoot}"));
    }

    private static IReadOnlyList<string?> RoundRow(DemoRound round) =>
    [
        round.Name,
        N(round.Stage(StageNames.IngestHubSpot).Read),
        N(round.Stage(StageNames.IngestDynamics).Read),
        N(round.Stage(StageNames.ComputeDeltas).Created),
        Pushed(round.Stage(StageNames.PushHubSpot)),
        Pushed(round.Stage(StageNames.PushDynamics)),
        N(round.Stage(StageNames.PushHubSpot).Failed + round.Stage(StageNames.PushDynamics).Failed),
        Invariant($"{round.Elapsed.TotalSeconds:0.0}s"),
    ];

    private static string Pushed(StageResult push) => Invariant($"{push.Created:N0} created, {push.Updated:N0} updated");

    /// <summary>The reason without its record-specific detail, to count alike findings together.</summary>
    private static string Category(string explanation) =>
        explanation.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? explanation[..colon] : explanation;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
