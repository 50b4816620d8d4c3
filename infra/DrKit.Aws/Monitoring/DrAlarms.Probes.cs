using System.Globalization;
using System.Text.Json.Nodes;
using DrKit.Core.Monitoring;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Monitoring;

/// <summary>What a probe source resolves to: the id the probe reads and, where IAM scopes by resource, its ARN.</summary>
public sealed record ProbeTarget(Output<string> Id, Output<string>? Arn);

public sealed partial class DrAlarms
{
    /// <summary>The probe's Python code, embedded in this assembly (Monitoring/probe.py).</summary>
    internal static string ProbeCode()
    {
        using var stream = typeof(DrAlarms).Assembly.GetManifestResourceStream("DrKit.Aws.Monitoring.probe.py")
            ?? throw new InvalidOperationException("DrKit.Aws carries no embedded Monitoring/probe.py");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A freshness probe in its region: a Python Lambda function with its code as an inline archive, a log group it
    /// writes to, a least-privilege role, and an EventBridge rule that invokes it every five minutes
    /// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html), with the permission
    /// for EventBridge to do so scoped to that rule
    /// (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html), and neither EventBridge nor Lambda
    /// retrying a run (<see cref="FreshnessProbe.RetryAttempts"/>).
    /// </summary>
    private PulumiAws.Lambda.Function Probe(string name, DrAlarmsArgs args, FreshnessProbe probe, PulumiAws.Provider provider)
    {
        var prefix = $"{name}-{probe.Key}";
        var functionName = probe.FunctionName(args.Stack);
        CustomResourceOptions In(params Resource[] dependsOn) => new() { Parent = this, Provider = provider, DependsOn = dependsOn };
        var tags = args.Tags.Defaults();
        var targets = probe.Sources.Select(s => (Source: s, Target: args.ProbeTargets(probe, s))).ToList();

        var logs = new PulumiAws.CloudWatch.LogGroup(prefix, new PulumiAws.CloudWatch.LogGroupArgs
        {
            Name = $"/aws/lambda/{functionName}",
            RetentionInDays = FreshnessProbe.LogRetentionDays,
            Tags = tags,
        }, In());
        var role = new PulumiAws.Iam.Role($"{prefix}-role", new PulumiAws.Iam.RoleArgs
        {
            Description = $"Runs the DrKit freshness probe {functionName} in {probe.Region}",
            AssumeRolePolicy = PolicyDocuments.TrustService("lambda.amazonaws.com"),
            Tags = tags,
        }, In());
        var policy = new PulumiAws.Iam.RolePolicy($"{prefix}-role", new PulumiAws.Iam.RolePolicyArgs
        {
            Role = role.Name,
            Policy = Output.Tuple(logs.Arn, Output.All(targets.Select(t => t.Target.Arn ?? Output.Create(string.Empty))))
                .Apply(x => ProbePolicy(x.Item1, probe.Sources.Zip(x.Item2, (s, arn) => (s, arn)).ToList())),
        }, In());

        var config = Output.All(targets.Select(t => t.Target.Id)).Apply(ids => ProbeConfig(args.Stack, probe, ids));
        var function = new PulumiAws.Lambda.Function(prefix, new PulumiAws.Lambda.FunctionArgs
        {
            Name = functionName,
            Description = $"DrKit: backup age and reservation expiry of {args.Stack} in {probe.Region}",
            Runtime = FreshnessProbe.Runtime,
            Handler = FreshnessProbe.Handler,
            Code = new AssetArchive(new Dictionary<string, AssetOrArchive> { [FreshnessProbe.ScriptFile] = new StringAsset(ProbeCode()) }),
            Role = role.Arn,
            Timeout = FreshnessProbe.TimeoutSeconds,
            Environment = new PulumiAws.Lambda.Inputs.FunctionEnvironmentArgs { Variables = { [FreshnessProbe.ConfigVariable] = config } },
            Tags = tags,
        }, In(logs, policy));

        var rule = new PulumiAws.CloudWatch.EventRule($"{prefix}-schedule", new PulumiAws.CloudWatch.EventRuleArgs
        {
            Description = $"Runs {functionName} every {FreshnessProbe.Interval.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes",
            ScheduleExpression = FreshnessProbe.Schedule,
            Tags = tags,
        }, In());
        var permission = new PulumiAws.Lambda.Permission($"{prefix}-schedule", new PulumiAws.Lambda.PermissionArgs
        {
            Action = "lambda:InvokeFunction",
            Function = function.Name,
            Principal = "events.amazonaws.com",
            SourceArn = rule.Arn,
        }, In());
        // No retries of a run, in delivery or after a function error: the next run supersedes it (FreshnessProbe.RetryAttempts).
        _ = new PulumiAws.CloudWatch.EventTarget($"{prefix}-schedule", new PulumiAws.CloudWatch.EventTargetArgs
        {
            Rule = rule.Name,
            Arn = function.Arn,
            RetryPolicy = new PulumiAws.CloudWatch.Inputs.EventTargetRetryPolicyArgs
            {
                MaximumRetryAttempts = FreshnessProbe.RetryAttempts,
                MaximumEventAgeInSeconds = FreshnessProbe.MaxEventAgeSeconds,
            },
        }, In(permission));
        _ = new PulumiAws.Lambda.FunctionEventInvokeConfig(prefix, new PulumiAws.Lambda.FunctionEventInvokeConfigArgs
        {
            FunctionName = function.Name,
            MaximumRetryAttempts = FreshnessProbe.RetryAttempts,
            MaximumEventAgeInSeconds = FreshnessProbe.MaxEventAgeSeconds,
        }, In());
        return function;
    }

    /// <summary>The probe's configuration (JSON node: no reflection-based serialization in the shell).</summary>
    internal static string ProbeConfig(string stack, FreshnessProbe probe, IReadOnlyList<string> ids)
    {
        var sources = new JsonArray();
        for (var i = 0; i < probe.Sources.Count; i++)
        {
            var s = probe.Sources[i];
            var node = new JsonObject { ["component"] = s.Component, ["kind"] = s.KindName, ["id"] = ids[i] };
            if (s.Kind == ProbeSourceKind.WalArchive)
            {
                node["prefix"] = s.Prefix;
            }

            sources.Add(node);
        }

        var json = new JsonObject
        {
            ["stack"] = stack,
            ["namespace"] = FreshnessProbe.Namespace,
            ["unlimited"] = (long)FreshnessProbe.UnlimitedReservation.TotalSeconds,
            ["sources"] = sources,
        }.ToJsonString();
        var bytes = System.Text.Encoding.UTF8.GetByteCount(FreshnessProbe.ConfigVariable) + System.Text.Encoding.UTF8.GetByteCount(json);
        return bytes <= FreshnessProbe.ConfigMaxBytes
            ? json
            : throw new InvalidOperationException(
                $"probe {probe.Key}: its configuration of {probe.Sources.Count} sources takes {bytes} bytes, over Lambda's {FreshnessProbe.ConfigMaxBytes}-byte limit on environment variables; " +
                $"split the components of {probe.Region} across stacks");
    }

    /// <summary>
    /// Least privilege, per the Service Authorization Reference
    /// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
    /// rds:DescribeDBInstanceAutomatedBackups on the replicated backups' auto-backup ARNs; s3:ListBucket on the archive
    /// replicas, only with the WAL prefix (s3:prefix condition); ec2:DescribeCapacityReservations, which supports no
    /// resource-level permissions; cloudwatch:PutMetricData only into the DrKit namespace; its own log group.
    /// </summary>
    internal static string ProbePolicy(string logGroupArn, IReadOnlyList<(ProbeSource Source, string Arn)> sources)
    {
        var statements = new List<PolicyStatement>
        {
            new("Logs", "Allow", ["logs:CreateLogStream", "logs:PutLogEvents"], [$"{logGroupArn}:*"]),
            new("Metrics", "Allow", ["cloudwatch:PutMetricData"], ["*"])
            {
                Condition = new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["StringEquals"] = new Dictionary<string, string> { ["cloudwatch:namespace"] = FreshnessProbe.Namespace },
                },
            },
        };
        List<string> Arns(ProbeSourceKind kind) => sources.Where(s => s.Source.Kind == kind).Select(s => s.Arn).Distinct(StringComparer.Ordinal).ToList();
        if (Arns(ProbeSourceKind.RdsBackup) is { Count: > 0 } backups)
        {
            statements.Add(new("RdsBackups", "Allow", ["rds:DescribeDBInstanceAutomatedBackups"], backups));
        }

        // The archives, grouped by the prefix their layout lists: each grant allows listing that prefix only. Statement
        // ids are unique within a policy, so a second layout gets a numbered one.
        var archives = sources.Where(s => s.Source.Kind == ProbeSourceKind.WalArchive).GroupBy(s => s.Source.Prefix, StringComparer.Ordinal).ToList();
        for (var i = 0; i < archives.Count; i++)
        {
            statements.Add(new(i == 0 ? "WalArchive" : $"WalArchive{i + 1}", "Allow", ["s3:ListBucket"], [.. archives[i].Select(s => s.Arn).Distinct(StringComparer.Ordinal)])
            {
                Condition = new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["StringEquals"] = new Dictionary<string, string> { ["s3:prefix"] = archives[i].Key },
                },
            });
        }

        if (sources.Any(s => s.Source.Kind == ProbeSourceKind.Reservation))
        {
            statements.Add(new("Reservations", "Allow", ["ec2:DescribeCapacityReservations"], ["*"]));
        }

        return PolicyDocuments.Json(statements);
    }
}
