using System.Globalization;
using DrKit.Core.Monitoring;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Monitoring;

public sealed partial class DrAlarms
{
    /// <summary>
    /// The probe: one HTTPS GET of the canary's URL, baked into the script (Synthetics does not return a canary's
    /// environment variables, so a URL there could change unseen; in the code, whose key carries its hash, a changed URL
    /// is a new object and a visible canary update). It connects to the regional endpoint but presents the public name
    /// as TLS SNI and Host header, so the certificate and virtual host users get are what is checked (Node validates
    /// the certificate; a Route 53 HTTPS check does not, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
    /// A 2xx or 3xx answer passes; anything else, a timeout or a connection error throws, which fails the run and records
    /// SuccessPercent 0. Node's https module is all it needs, so it runs on the browser-less Node.js runtime.
    /// </summary>
    internal static string ProbeScript(OutageCanary canary)
    {
        ArgumentNullException.ThrowIfNull(canary);
        var timeoutMs = (OutageCanary.RequestTimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture);
        var options = canary.Host is { } host
            ? $"{{ timeout: {timeoutMs}, servername: {Js(host)}, headers: {{ host: {Js(host)} }} }}"
            : $"{{ timeout: {timeoutMs} }}";
        return $$"""
            const https = require('https');

            const url = {{Js(canary.Url)}};

            exports.handler = async () => {
              const status = await new Promise((resolve, reject) => {
                const request = https.get(url, {{options}}, (response) => {
                  response.resume();
                  resolve(response.statusCode);
                });
                request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within {{OutageCanary.RequestTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}} s`)));
                request.on('error', reject);
              });
              if (status < 200 || status > 399) {
                throw new Error(`${url} answered ${status}`);
              }
              return `${url} answered ${status}`;
            };
            """;
    }

    /// <summary>A JavaScript string literal (JSON's escaping is valid JavaScript).</summary>
    private static string Js(string text) => System.Text.Json.Nodes.JsonValue.Create(text).ToJsonString();

    /// <summary>
    /// A canary in its home region with what it needs there: a private, TLS-only artifact bucket (S3 encrypts new
    /// objects by default; runs expire after <see cref="OutageCanary.RetentionDays"/>; it holds screenshots and logs, no
    /// data, so it is neither versioned nor replicated), its code in that bucket, and an execution role with the permissions
    /// AWS lists for a basic canary (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_CanaryPermissions.html).
    /// </summary>
    private PulumiAws.Synthetics.Canary Canary(string name, DrAlarmsArgs args, OutageCanary canary, PulumiAws.Provider provider)
    {
        var prefix = $"{name}-{canary.Key}";
        var canaryName = canary.Name(args.Stack);
        CustomResourceOptions In(params Resource[] dependsOn) => new() { Parent = this, Provider = provider, DependsOn = dependsOn };
        var tags = Tags(args.Tags, canary.Component, "canary");

        // Explicit short names: auto-names grown from the endpoint and region pass S3's 63 and IAM's 64 characters.
        var bucket = new PulumiAws.S3.Bucket($"{prefix}-artifacts", new PulumiAws.S3.BucketArgs { BucketPrefix = canary.BucketPrefix(args.Stack), ForceDestroy = true, Tags = tags }, In());
        var publicAccess = new PulumiAws.S3.BucketPublicAccessBlock($"{prefix}-artifacts", new PulumiAws.S3.BucketPublicAccessBlockArgs
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, In());
        _ = new PulumiAws.S3.BucketPolicy($"{prefix}-artifacts", new PulumiAws.S3.BucketPolicyArgs
        {
            Bucket = bucket.Id,
            Policy = bucket.Arn.Apply(Storage.RegionalBucketParts.TlsOnlyPolicy),
        }, In(publicAccess));
        _ = new PulumiAws.S3.BucketLifecycleConfiguration($"{prefix}-artifacts", new PulumiAws.S3.BucketLifecycleConfigurationArgs
        {
            Bucket = bucket.Id,
            Rules =
            {
                new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleArgs
                {
                    Id = "drkit-canary-runs",
                    Status = Storage.BucketRules.Enabled,
                    // Runs only: the code object must stay, or a refresh finds it gone and plans it again.
                    Filter = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleFilterArgs { Prefix = OutageCanary.RunsPrefix },
                    Expiration = new PulumiAws.S3.Inputs.BucketLifecycleConfigurationRuleExpirationArgs { Days = OutageCanary.RetentionDays },
                },
            },
        }, In());

        var script = ProbeScript(canary);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))[..12];
        // The key carries the script's hash: a changed script is a new object, so the canary picks it up.
        var code = new PulumiAws.S3.BucketObjectv2($"{prefix}-code", new PulumiAws.S3.BucketObjectv2Args
        {
            Bucket = bucket.Id,
            Key = $"code/drkit-probe-{hash}.zip",
            Source = new AssetArchive(new Dictionary<string, AssetOrArchive> { [OutageCanary.ScriptPath] = new StringAsset(script) }),
            Tags = tags,
        }, In());

        var role = new PulumiAws.Iam.Role($"{prefix}-role", new PulumiAws.Iam.RoleArgs
        {
            Name = canary.RoleName(args.Stack),
            Description = $"Runs the DrKit outage canary {canaryName} ({canary.Region} watching {canary.ProbedRegion})",
            AssumeRolePolicy = PolicyDocuments.TrustService("lambda.amazonaws.com"),
            Tags = tags,
        }, In());
        var policy = new PulumiAws.Iam.RolePolicy($"{prefix}-role", new PulumiAws.Iam.RolePolicyArgs
        {
            Role = role.Name,
            Policy = bucket.Arn.Apply(arn => CanaryPolicy(arn, canary.Region, canaryName)),
        }, In());

        return new PulumiAws.Synthetics.Canary(prefix, new PulumiAws.Synthetics.CanaryArgs
        {
            Name = canaryName,
            ArtifactS3Location = bucket.BucketName.Apply(b => $"s3://{b}/{OutageCanary.RunsPrefix}"),
            ExecutionRoleArn = role.Arn,
            Handler = OutageCanary.Handler,
            RuntimeVersion = OutageCanary.RuntimeVersion,
            S3Bucket = bucket.BucketName,
            S3Key = code.Key,
            Schedule = new PulumiAws.Synthetics.Inputs.CanaryScheduleArgs { Expression = OutageCanary.Schedule },
            RunConfig = new PulumiAws.Synthetics.Inputs.CanaryRunConfigArgs { TimeoutInSeconds = OutageCanary.RunTimeoutSeconds },
            StartCanary = true,
            // The Lambda function and layer Synthetics creates go with the canary.
            DeleteLambda = true,
            SuccessRetentionPeriod = OutageCanary.RetentionDays,
            FailureRetentionPeriod = OutageCanary.RetentionDays,
            Tags = tags,
        }, In(code, policy));
    }

    /// <summary>The basic canary's permissions: its artifacts, its own log groups, and metrics in the CloudWatchSynthetics namespace only.</summary>
    internal static string CanaryPolicy(string bucketArn, string region, string canaryName) => PolicyDocuments.Json(
        new PolicyStatement("Artifacts", "Allow", ["s3:PutObject", "s3:GetObject"], [$"{bucketArn}/*"]),
        new PolicyStatement("ArtifactBucket", "Allow", ["s3:GetBucketLocation"], [bucketArn]),
        new PolicyStatement("ListBuckets", "Allow", ["s3:ListAllMyBuckets"], ["*"]),
        new PolicyStatement("Logs", "Allow", ["logs:CreateLogStream", "logs:PutLogEvents", "logs:CreateLogGroup"], [$"arn:aws:logs:{region}:*:log-group:{OutageCanary.LogGroupPrefix(canaryName)}*"]),
        new PolicyStatement("Metrics", "Allow", ["cloudwatch:PutMetricData"], ["*"])
        {
            Condition = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["StringEquals"] = new Dictionary<string, string> { ["cloudwatch:namespace"] = "CloudWatchSynthetics" },
            },
        });
}
