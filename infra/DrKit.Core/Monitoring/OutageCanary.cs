namespace DrKit.Core.Monitoring;

/// <summary>
/// A CloudWatch Synthetics canary homed in <paramref name="Region"/> that requests <paramref name="Url"/>, the health
/// path of the endpoint serving in <paramref name="ProbedRegion"/>, once a minute: an outage signal that does not share
/// fate with the region it watches.
/// </summary>
/// <param name="Key">Stable short name, unique in the stack; part of the resource names.</param>
/// <param name="FailedRuns">Consecutive failed runs before its alarm fires (the traffic plan's failure threshold).</param>
public sealed record OutageCanary(string Key, string Component, string Region, string ProbedRegion, string Url, int FailedRuns)
{
    /// <summary>
    /// Synthetics runtime the canary runs on (Node.js with Puppeteer; the script needs only Node's https module). AWS
    /// deprecates runtimes over time: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_Library_Nodejs.html
    /// </summary>
    public const string RuntimeVersion = "syn-nodejs-puppeteer-9.1";

    /// <summary>Puppeteer runtimes load the script from <c>nodejs/node_modules/</c> in the code archive; the handler is file.function
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_WritingCanary_Nodejs_Pup.html).</summary>
    public const string ScriptPath = "nodejs/node_modules/drkitProbe.js";

    public const string Handler = "drkitProbe.handler";

    /// <summary>One run a minute, the shortest schedule Synthetics offers for a continuously running canary.</summary>
    public const string Schedule = "rate(1 minute)";

    /// <summary>Days Synthetics keeps run data, and S3 the runs' artifacts (screenshots, logs): long enough to look back on an incident.</summary>
    public const int RetentionDays = 14;

    /// <summary>Seconds one run may take; the script gives up on the endpoint after <see cref="RequestTimeoutSeconds"/>.</summary>
    public const int RunTimeoutSeconds = 30;

    public const int RequestTimeoutSeconds = 10;

    /// <summary>Environment variable the script reads the URL from.</summary>
    public const string UrlVariable = "DRKIT_PROBE_URL";

    /// <summary>Canary names: lower-case letters, digits, '-' and '_', at most 255 characters (CreateCanary API);
    /// DrKit keeps them to 21, the limit of older API versions, so every console and CLI accepts them.</summary>
    public const int NameMax = 21;

    /// <summary>
    /// The canary's name in Synthetics: unique per account and region, so it carries the stack, shortened with a
    /// stable hash when the stack name is long.
    /// </summary>
    public string Name(string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var full = Platforms.Aws.AwsNames.Identifier($"{stack}-{ProbedRegion}", int.MaxValue);
        if (full.Length <= NameMax)
        {
            return full;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..6];
        return $"{full[..(NameMax - 7)].TrimEnd('-')}-{hash}";
    }
}
