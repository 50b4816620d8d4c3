using System.Globalization;
using System.Net;
using System.Text;
using DrKit.Core.Objectives;
using DrKit.Core.Reporting;

namespace DrKit.Operations.Runbooks;

/// <summary>
/// A runbook as one self-contained HTML page in the drill reports' style (<see cref="ReportStyle"/>): inline CSS and
/// an inline SVG chart of each component's estimated recovery time against its target, no scripts, so it can be
/// printed or opened offline during an incident.
/// </summary>
public static class RunbookHtml
{
    private const string Extra =
        "h2{margin-top:2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}.goal{color:#555;font-style:italic}" +
        "ol.steps>li{margin:.35rem 0}code.cmd{display:block;background:#1d2330;color:#e8eaf2;padding:.35rem .6rem;border-radius:.3rem;margin:.25rem 0;font-size:.85rem;white-space:pre-wrap}" +
        ".sev-critical{color:#b3261e;font-weight:600}.sev-high{color:#b35c00;font-weight:600}.sev-medium{color:#5a5f73}" +
        "td{vertical-align:top}td.nw{white-space:nowrap}svg.bars{display:block;width:100%;max-width:64rem;height:auto;border:1px solid #dde;background:#fcfcff}";

    public static string Render(Runbook r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DR runbook ").Append(E(r.Stack))
          .Append("</title><style>").Append(ReportStyle.Css).Append(Extra).Append("</style></head><body>");
        sb.Append("<h1>DR runbook: ").Append(E(r.Stack)).Append(" (").Append(E(r.Service)).Append(")</h1>");
        sb.Append("<p>Primary <b>").Append(E(r.PrimaryRegion)).Append("</b>, recovery <b>")
          .Append(E(r.RecoveryRegions.Count == 0 ? "none (single region)" : string.Join(", ", r.RecoveryRegions))).Append("</b>. ");
        sb.Append("Estimated service recovery: RTO ").Append(E(r.ServiceRto)).Append(", worst RPO ").Append(E(r.ServiceRpo)).Append(".</p>");
        if (r.LiveReadiness)
        {
            sb.Append("<p class=\"verdict\">Readiness must be at least <b>").Append(r.ReadinessThreshold).Append("/100</b> before a planned failover: <code>drkit readiness ")
              .Append(E(r.Stack)).Append(" --live</code></p>");
        }

        sb.Append("<h2>Recovery time: estimate against target</h2><div class=\"chart\">").Append(Chart(r)).Append("</div>");
        foreach (var (phase, i) in r.Phases.Select((p, i) => (p, i + 1)))
        {
            sb.Append("<h2>").Append(i).Append(". ").Append(E(phase.Name)).Append("</h2><p class=\"goal\">").Append(E(phase.Goal)).Append("</p><ol class=\"steps\">");
            foreach (var step in phase.Steps)
            {
                sb.Append("<li>").Append(E(step.Text));
                if (step.Command is { } command)
                {
                    sb.Append("<code class=\"cmd\">$ ").Append(E(command)).Append("</code>");
                }

                sb.Append("</li>");
            }

            sb.Append("</ol>");
            if (phase.Name == "Detect" && r.Alarms.Count > 0)
            {
                sb.Append("<table><tr><th>Severity</th><th>Alarm</th><th>Region</th><th>Metric</th><th>Fires when</th></tr>");
                foreach (var a in r.Alarms)
                {
                    var severity = a.Severity.ToString().ToLowerInvariant();
                    sb.Append("<tr><td class=\"nw sev-").Append(severity).Append("\">").Append(severity).Append("</td><td>").Append(E(a.AlarmName(r.Stack))).Append("</td><td class=\"nw\">")
                      .Append(E(a.Region)).Append("</td><td>").Append(E($"{a.Namespace} {a.MetricName}")).Append("</td><td>").Append(E(RunbookText.Condition(a))).Append("</td></tr>");
                }

                sb.Append("</table>");
            }

            if (phase.Name == "Decide")
            {
                sb.Append("<table><tr><th>Component</th><th>Tier</th><th>Strategy</th><th>Targets</th><th>Estimate</th><th>Deadline</th><th>Fail over when</th><th>Wait when</th><th>Authority</th></tr>");
                foreach (var d in r.Decisions)
                {
                    sb.Append("<tr><td>").Append(E(d.Component)).Append("</td><td>").Append(E(d.Tier)).Append("</td><td>").Append(E(d.Strategy)).Append("</td><td>")
                      .Append(E(d.Targets)).Append("</td><td>").Append(E(d.Estimate)).Append("</td><td class=\"nw\">").Append(E(RunbookText.Duration(d.Deadline))).Append("</td><td>")
                      .Append(E(d.FailOverWhen)).Append("</td><td>").Append(E(d.WaitWhen)).Append("</td><td>").Append(E(d.Authority)).Append("</td></tr>");
                }

                sb.Append("</table>");
            }

            if (phase.Name == "Communicate")
            {
                sb.Append("<table><tr><th>Who</th><th>When</th><th>What</th><th>How</th></tr>");
                foreach (var n in r.Notices)
                {
                    sb.Append("<tr><td>").Append(E(n.Audience)).Append("</td><td>").Append(E(n.When)).Append("</td><td>").Append(E(n.What)).Append("</td><td>").Append(E(n.Channel)).Append("</td></tr>");
                }

                sb.Append("</table>");
            }
        }

        sb.Append("<h2>Last drill</h2><p>").Append(E(RunbookText.DrillLine(r))).Append("</p>");
        if (r.LastDrill.LastTiers.Count > 0)
        {
            sb.Append("<table><tr><th>Tier</th><th>Measured RTO</th><th>RTO target</th><th>Measured RPO</th><th>RPO target</th></tr>");
            foreach (var t in r.LastDrill.LastTiers)
            {
                var cls = t.Met ? "met" : "missed";
                sb.Append("<tr><td>").Append(E(t.Tier)).Append("</td><td class=\"").Append(cls).Append("\">").Append(E(RunbookText.Measured(t.Rto))).Append("</td><td>")
                  .Append(E(DurationText.Format(t.RtoTarget))).Append("</td><td class=\"").Append(cls).Append("\">").Append(E(RunbookText.Measured(t.Rpo))).Append("</td><td>")
                  .Append(E(DurationText.Format(t.RpoTarget))).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>Horizontal bars on a log time axis (30 s to 2 days): estimates span seconds to a day, so a linear axis would hide most of them.</summary>
    internal static string Chart(Runbook r)
    {
        const int left = 170, width = 880, row = 26, top = 30;
        var rows = r.RecoveryTimes;
        var height = top + (rows.Count * row) + 34;
        double X(TimeSpan t) => left + (width * Math.Clamp((Math.Log10(Math.Max(t.TotalSeconds, 30)) - Math.Log10(30)) / (Math.Log10(172800) - Math.Log10(30)), 0, 1));
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {left + width + 40} {height}\" font-family=\"system-ui,sans-serif\" font-size=\"12\">"));
        foreach (var (label, t) in new[] { ("30s", 30), ("5m", 300), ("30m", 1800), ("4h", 14400), ("24h", 86400), ("2d", 172800) })
        {
            var x = X(TimeSpan.FromSeconds(t));
            sb.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{top - 6}\" x2=\"{x:0.#}\" y2=\"{height - 26}\" stroke=\"#dde\"/><text x=\"{x:0.#}\" y=\"{height - 10}\" text-anchor=\"middle\" fill=\"#555\">{label}</text>"));
        }

        sb.Append(Inv($"<rect x=\"{left}\" y=\"8\" width=\"12\" height=\"10\" fill=\"#4a6fd1\"/><text x=\"{left + 16}\" y=\"17\">estimated recovery</text>"));
        sb.Append(Inv($"<line x1=\"{left + 150}\" y1=\"7\" x2=\"{left + 150}\" y2=\"19\" stroke=\"#b3261e\" stroke-width=\"3\"/><text x=\"{left + 156}\" y=\"17\">RTO target</text>"));
        for (var i = 0; i < rows.Count; i++)
        {
            var (component, estimate, target) = rows[i];
            var y = top + (i * row);
            var over = estimate > target;
            sb.Append(Inv($"<text x=\"{left - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{E(component)}</text>"));
            sb.Append(Inv($"<rect x=\"{left}\" y=\"{y + 4}\" width=\"{Math.Max(X(estimate) - left, 2):0.#}\" height=\"14\" fill=\"{(over ? "#d9534f" : "#4a6fd1")}\" rx=\"2\"><title>{E(component)}: estimate {DurationText.Format(estimate)}, target {DurationText.Format(target)}</title></rect>"));
            sb.Append(Inv($"<line x1=\"{X(target):0.#}\" y1=\"{y + 1}\" x2=\"{X(target):0.#}\" y2=\"{y + 21}\" stroke=\"#b3261e\" stroke-width=\"3\"/>"));
            sb.Append(Inv($"<text x=\"{Math.Max(X(estimate), X(target)) + 6:0.#}\" y=\"{y + 15}\" fill=\"#333\">{DurationText.Format(estimate)} / {DurationText.Format(target)}</text>"));
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
