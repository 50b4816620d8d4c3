namespace DrKit.Core.Reporting;

/// <summary>The one stylesheet of DrKit's self-contained HTML reports (drill reports, runbooks), so they look alike.</summary>
public static class ReportStyle
{
    public const string Css =
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}h1{font-size:1.4rem}" +
        "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;font-size:.9rem}" +
        "th{background:#eef}.met{color:#17803d;font-weight:600}.missed{color:#b3261e;font-weight:600}" +
        ".verdict{font-size:1.1rem;padding:.5rem 1rem;border-radius:.4rem;background:#f3f4f8;display:inline-block}" +
        "svg.timeline{display:block;box-sizing:border-box;width:100%;height:auto;max-width:80rem;min-width:44rem;border:1px solid #dde;background:#fcfcff}" +
        ".chart{overflow-x:auto}";
}
