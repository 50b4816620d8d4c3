namespace DrKit.Core.Monitoring;

/// <summary>
/// A CloudWatch Synthetics canary homed in <paramref name="Region"/> that requests <paramref name="Url"/>, the health
/// path of the endpoint in <paramref name="ProbedRegion"/>, once a minute: an outage signal that does not share fate
/// with the region it watches. Canaries are decided from the plan alone (<see cref="AlarmPlanner.Canaries"/>), so a
/// failover or failback never creates, moves or deletes one.
/// </summary>
/// <param name="Key">Stable short name, unique in the stack; part of the resource names.</param>
/// <param name="Host">The public name users reach the service by (<c>traffic.domain</c>): the canary sends it as TLS SNI
/// and Host header while connecting to the regional endpoint, so it tests the certificate and virtual host users get;
/// null when the stack has no public name, and the regional name is presented instead.</param>
/// <param name="FailedRuns">Consecutive failed runs before its alarm fires (<see cref="AlarmPlanner.CanaryFailedRuns"/>).</param>
/// <param name="ExpectedUntilFailover">True for a region that answers nothing before a failover (a pilot-light recovery
/// endpoint): its alarm is in ALARM by design until then, so it never pages (<see cref="AlarmPlanner.Canaries"/>).</param>
public sealed record OutageCanary(string Key, string Component, string Region, string ProbedRegion, string Url, string? Host, int FailedRuns, bool ExpectedUntilFailover)
{
    /// <summary>
    /// Synthetics runtime the canary runs on: <c>syn-nodejs-4.1</c>, the browser-less Node.js runtime on Lambda's Node.js
    /// 22 (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_Nodejs.html). The
    /// script needs only Node's https module, so no Chromium is booted for one GET. AWS cannot create canaries on a
    /// deprecated runtime (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html);
    /// the Puppeteer 9.x/10.x runtimes sit on Node.js 20, whose Lambda support ends in April 2026.
    /// </summary>
    public const string RuntimeVersion = "syn-nodejs-4.1";

    /// <summary>Node.js canaries load the script from <c>nodejs/node_modules/</c> in the code archive, and the handler is
    /// <c>file.handler</c> (https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryCodeInput.html).</summary>
    public const string ScriptPath = "nodejs/node_modules/drkitProbe.js";

    public const string Handler = "drkitProbe.handler";

    /// <summary>One run a minute, the shortest schedule Synthetics offers for a continuously running canary.</summary>
    public const string Schedule = "rate(1 minute)";

    /// <summary>How often the canary runs: one <see cref="Schedule"/> period.</summary>
    public static readonly TimeSpan RunInterval = TimeSpan.FromMinutes(1);

    /// <summary>Days Synthetics keeps run data, and S3 the runs' artifacts (logs): long enough to look back on an incident.</summary>
    public const int RetentionDays = 14;

    /// <summary>The artifact bucket's prefix for run results; the lifecycle rule expires only these, never the code object.</summary>
    public const string RunsPrefix = "runs/";

    /// <summary>Seconds one run may take; the script gives up on the endpoint after <see cref="RequestTimeoutSeconds"/>.</summary>
    public const int RunTimeoutSeconds = 30;

    public const int RequestTimeoutSeconds = 10;

    /// <summary>Canary names: lower-case letters, digits, '-' and '_', at most 255 characters (CreateCanary API);
    /// DrKit keeps them to 21, the limit of older API versions, so every console and CLI accepts them.</summary>
    public const int NameMax = 21;

    /// <summary>IAM role names hold at most 64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).</summary>
    public const int RoleNameMax = 64;

    /// <summary>
    /// An S3 bucket prefix holds at most 37 characters: the provider appends a unique 26-character suffix so the name stays
    /// within S3's 63 (pulumi-aws <c>aws.s3.Bucket</c> <c>bucketPrefix</c>).
    /// </summary>
    public const int BucketPrefixMax = 37;

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

    /// <summary>
    /// The prefix of the log groups Synthetics creates for a canary's Lambda function, <c>/aws/lambda/cwsyn-&lt;name&gt;-&lt;id&gt;</c>
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_CanaryPermissions.html).
    /// Neither AWS nor the provider deletes them with the canary (pulumi-aws <c>aws.synthetics.Canary</c>), so the canary's
    /// role may write only under it and teardown deletes what is under it.
    /// </summary>
    public static string LogGroupPrefix(string canaryName) => $"/aws/lambda/cwsyn-{canaryName}-";

    /// <summary>The execution role's name: explicit, because an auto-name from a long endpoint and region passes IAM's 64.</summary>
    public string RoleName(string stack) => Platforms.Aws.AwsNames.Identifier($"drkit-{stack}-cnry-{ProbedRegion}", RoleNameMax);

    /// <summary>The artifact bucket's name prefix (S3 names are global, so the provider makes the rest unique); ends with '-'.</summary>
    public string BucketPrefix(string stack) => Platforms.Aws.AwsNames.Identifier($"drkit-{stack}-cnry-{ProbedRegion}", BucketPrefixMax - 1) + "-";
}
