using System.Globalization;
using System.Net;
using System.Text;

namespace DrKit.Drills.Reports;

/// <summary>
/// A single self-contained HTML page: inline CSS and an inline SVG timeline, no scripts, fonts or images
/// from elsewhere, so it can be attached to a ticket or opened offline.
/// </summary>
public static class HtmlReport
{
    private const string Style = DrKit.Core.Reporting.ReportStyle.Css;

    public static string Render(DrillResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var origin = ReportFormat.Origin(r);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>DR drill ").Append(E(r.DrillId))
          .Append("</title><style>").Append(Style).Append("</style></head><body>");
        sb.Append("<h1>DR drill ").Append(E(r.DrillId)).Append("</h1>");
        sb.Append("<p>Stack <b>").Append(E(r.Spec.StackName)).Append("</b>: ").Append(E(ReportFormat.Mode(r.Spec))).Append("</p>");
        sb.Append("<p class=\"verdict\"><b>").Append(r.Verdict).Append("</b>: ").Append(E(r.Summary)).Append("</p>");

        if (r.Tiers.Count > 0)
        {
            sb.Append("<h2>Measured vs target</h2><table><tr><th>Tier</th><th>RTO</th><th>Target</th><th>Lost writes</th><th>RPO</th><th>Target</th></tr>");
            foreach (var t in r.Tiers)
            {
                sb.Append("<tr><td>").Append(E(t.Tier)).Append("</td>")
                  .Append(Judged(ReportFormat.Seconds(t.Rto), t.RtoMet)).Append("<td>").Append(ReportFormat.Target(t.Targets.Rto)).Append("</td>")
                  .Append("<td>").Append(t.LostWrites).Append(" of ").Append(t.AckedBeforeFailure).Append("</td>")
                  .Append(Judged(ReportFormat.Seconds(t.RpoSeconds), t.RpoMet)).Append("<td>").Append(ReportFormat.Target(t.Targets.Rpo)).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        // The chart scales with the page; below a readable size it scrolls sideways instead of shrinking its text.
        sb.Append("<h2>Timeline</h2><div class=\"chart\">").Append(TimelineSvg.Render(r, origin)).Append("</div>");
        if (r.Engine is { } engine)
        {
            sb.Append("<h2>Failover engine: ").Append(engine.Outcome).Append(engine.Forced ? " (forced: " + E(engine.ForceReason ?? string.Empty) + ")" : string.Empty)
              .Append("</h2><table><tr><th>Step</th><th>Outcome</th><th>Start (s)</th><th>Duration</th><th>Detail</th></tr>");
            foreach (var s in engine.Steps)
            {
                sb.Append("<tr><td>").Append(E(s.Name)).Append("</td><td>").Append(s.Outcome).Append("</td><td>").Append(ReportFormat.Offset(s.Started, origin))
                  .Append("</td><td>").Append(ReportFormat.Seconds(s.Duration)).Append("</td><td>").Append(E(s.Detail)).Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        if (r.Restore is { } restore)
        {
            sb.Append("<h2>Point-in-time restore</h2><p>Target ").Append(E(restore.TargetTime)).Append(": ")
              .Append(restore.RestoredRows).Append(" rows restored, ").Append(restore.ExpectedRows).Append(" acknowledged; checksum ")
              .Append(restore.Verified ? "<span class=\"met\">verified</span>" : "<span class=\"missed\">mismatch</span>").Append("</p>");
        }

        if (r.Archive is { } a)
        {
            sb.Append("<h2>WAL archive outage</h2><p>Peak exposure ").Append(ReportFormat.Seconds(a.PeakExposure))
              .Append(", backlog ").Append(a.PeakPending).Append(" segments, ").Append(a.FailedAttempts).Append(" failed attempts.</p>");
        }

        sb.Append("<h2>Events</h2><table><tr><th>t (s)</th><th>Kind</th><th>Event</th><th>Detail</th></tr>");
        foreach (var e in r.Timeline)
        {
            sb.Append("<tr><td>").Append(ReportFormat.Offset(e.At, origin)).Append("</td><td>").Append(E(e.Kind)).Append("</td><td>")
              .Append(E(e.Name)).Append("</td><td>").Append(E(e.Detail)).Append("</td></tr>");
        }

        sb.Append("</table></body></html>");
        return sb.ToString();
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Judged(string text, bool met) =>
        string.Create(CultureInfo.InvariantCulture, $"<td class=\"{(met ? "met" : "missed")}\">{E(text)}</td>");
}
