using System.Globalization;
using System.Net;
using System.Text;
using CrmSync.Pipeline.Stages.Deltas;

namespace CrmSync.Pipeline.Operations.Reporting;

/// <summary>
/// The self-contained HTML page of `crmsync report`: run history, throughput, error rates, outbox backlog and
/// conflicts, drawn as inline SVG with inline CSS, so the file can be mailed or attached to a ticket as is.
/// </summary>
public static class HtmlReport
{
    private const string Ok = "#2e7d32", Bad = "#c62828", Neutral = "#1565c0", Warn = "#ef6c00";

    public static string Write(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var status = data.Status;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CrmSync report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:900px;color:#222}h2{margin-top:1.6em}")
            .Append("table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".muted{color:#666}svg{width:100%;height:auto}</style></head><body>");
        Append(html, $"<h1>CrmSync report</h1><p class=\"muted\">Lake {E(status.LakeRoot)}, generated {E(Time(data.GeneratedAt))} UTC, {data.Runs.Count} runs.</p>");

        var runs = data.Runs;
        html.Append("<h2>Run history</h2><p class=\"muted\">Wall time per run; red = a stage failed.</p>");
        html.Append(SvgBarChart.Render("Run duration", [.. runs.Select(r => (Label(r), r.Duration.TotalSeconds, r.Failed ? Bad : Ok))], Seconds));
        html.Append("<h2>Throughput</h2><p class=\"muted\">Records read by both ingest stages per second of run time.</p>");
        html.Append(SvgBarChart.Render("Throughput", [.. runs.Select(r => (Label(r), r.Throughput, Neutral))], v => v.ToString("0", CultureInfo.InvariantCulture) + " rec/s"));
        html.Append("<h2>Error rates</h2><p class=\"muted\">Failed pushes over attempted pushes, per run.</p>");
        html.Append(SvgBarChart.Render("Push error rate", [.. runs.Select(r => (Label(r), r.PushErrorRate, r.PushErrorRate > 0 ? Warn : Ok))], Percent));
        html.Append("<table><tr><th>run</th><th>started (UTC)</th><th>duration</th><th>read</th><th>pushed</th><th>push failures</th><th>API calls</th><th>API errors</th></tr>");
        foreach (var run in runs.AsEnumerable().Reverse())
        {
            Append(html, $"<tr><td>{E(run.RunId)}</td><td>{E(Time(run.StartedAt))}</td><td>{Seconds(run.Duration.TotalSeconds)}</td><td>{N(run.RecordsRead)}</td><td>{N(run.RecordsPushed)}</td><td>{N(run.PushFailures)}</td><td>{N(run.ApiCalls)}</td><td>{N(run.ApiErrors)}</td></tr>");
        }

        html.Append("</table>");

        html.Append("<h2>Outbox backlog</h2><p class=\"muted\">Rows waiting to be pushed (PENDING, FAILED) and dead ones, per CRM, now.</p>");
        var backlog = status.Outboxes.SelectMany(o => new[] { OutboxStatus.Pending, OutboxStatus.Failed, OutboxStatus.Dead }
            .Select(s => ($"{o.System} {s}", (double)o.Count(s), s == OutboxStatus.Pending ? Neutral : s == OutboxStatus.Failed ? Warn : Bad))).ToList();
        html.Append(SvgBarChart.Render("Outbox backlog", backlog, v => N((long)v)));
        html.Append("<table><tr><th>outbox</th>");
        foreach (var name in OutboxStatus.All)
        {
            Append(html, $"<th>{E(name)}</th>");
        }

        html.Append("</tr>");
        foreach (var outbox in status.Outboxes)
        {
            Append(html, $"<tr><td>{E(outbox.System)}</td>");
            foreach (var name in OutboxStatus.All)
            {
                Append(html, $"<td>{N(outbox.Count(name))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        Append(html, $"<p>Dead letters open: <b>{status.OpenDeadLetters.Count}</b>");
        if (status.OpenDeadLetters.Count > 0)
        {
            Append(html, $" ({E(string.Join(", ", status.OpenDeadLetters.GroupBy(d => $"{d.System} {d.ErrorCode}").Select(g => $"{g.Count()}× {g.Key}")))}); see <code>crmsync dead-letter list</code>");
        }

        html.Append("</p>");

        html.Append("<h2>Conflicts</h2>");
        Append(html, $"<p>Open manual field conflicts: <b>{status.OpenConflictCount}</b>; source records excluded as duplicate emails: <b>{data.ExcludedDuplicates}</b>.</p>");
        html.Append(SvgBarChart.Render("Open conflicts by field", [.. status.OpenConflicts.Select(c => (c.Field, (double)c.Open, Warn))], v => N((long)v)));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Label(RunSummary run) => Time(run.StartedAt) + " " + run.RunId;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void Append(StringBuilder html, FormattableString text) => html.Append(text.ToString(CultureInfo.InvariantCulture));
}
