using DrKit.Core.Monitoring;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Monitoring;

public sealed partial class DrAlarms
{
    /// <summary>
    /// The customer-managed key of a region's alarm topics and its key policy. CloudWatch can publish to an encrypted
    /// topic only when the key's policy lets <c>cloudwatch.amazonaws.com</c> use it; the AWS-managed <c>alias/aws/sns</c>
    /// key cannot be given that, so it would drop every alarm silently
    /// (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html, "Enable compatibility between event sources
    /// from AWS services and encrypted topics"). An ephemeral (drill) stack's key waits the shortest deletion window,
    /// 7 days, instead of 30, so destroyed drill stacks do not pile up pending keys.
    /// </summary>
    private (PulumiAws.Kms.Key Key, Resource Policy) TopicKey(string name, DrAlarmsArgs args, string region, PulumiAws.Provider provider)
    {
        var options = new CustomResourceOptions { Parent = this, Provider = provider };
        var key = new PulumiAws.Kms.Key($"{name}-{region}-topics", new PulumiAws.Kms.KeyArgs
        {
            Description = $"DrKit {args.Stack} DR alarm topics ({region})",
            EnableKeyRotation = true,
            DeletionWindowInDays = AwsLimits.KeyDeletionWindowDays(args.Ephemeral),
            Tags = Tags(args.Tags, region, "alarms"),
        }, options);

        // The account comes from the key's ARN: no lookup call, so a preview needs nothing but the provider.
        var policy = new PulumiAws.Kms.KeyPolicy($"{name}-{region}-topics", new PulumiAws.Kms.KeyPolicyArgs
        {
            KeyId = key.Id,
            Policy = key.Arn.Apply(arn => TopicKeyPolicy(arn.Split(':')[4], region, arn)),
        }, options);
        return (key, policy);
    }

    /// <summary>One topic per region and severity, encrypted with the region's key, with the subscriptions <c>drkit:alerts</c> names for the severity.</summary>
    private PulumiAws.Sns.Topic Topic(string name, DrAlarmsArgs args, string region, AlarmSeverity severity, PulumiAws.Kms.Key key, PulumiAws.Provider provider)
    {
        var options = new CustomResourceOptions { Parent = this, Provider = provider };
        var severityName = SeverityName(severity);
        var topic = new PulumiAws.Sns.Topic($"{name}-{region}-{severityName}", new PulumiAws.Sns.TopicArgs
        {
            DisplayName = $"DrKit {args.Stack} {severityName} DR alarms ({region})",
            KmsMasterKeyId = key.Arn,
            Tags = Tags(args.Tags, region, severityName),
        }, options);

        var index = 0;
        foreach (var subscription in args.Alerts.Where(a => a.Severity == severity))
        {
            _ = new PulumiAws.Sns.TopicSubscription($"{name}-{region}-{severityName}-{++index}", new PulumiAws.Sns.TopicSubscriptionArgs
            {
                Topic = topic.Arn,
                Protocol = subscription.Protocol,
                Endpoint = subscription.Endpoint,
            }, options);
        }

        return topic;
    }

    /// <summary>
    /// The account administers the key (the statement of AWS's default key policy, without which nobody could change it
    /// again); CloudWatch alarms of this account and region may create and read data keys for the alarm topics.
    /// </summary>
    internal static string TopicKeyPolicy(string account, string region, string keyArn) => PolicyDocuments.Json(
        new PolicyStatement("AccountAdministersTheKey", "Allow", ["kms:*"], ["*"])
        {
            Principal = new Dictionary<string, string> { ["AWS"] = $"arn:aws:iam::{account}:root" },
        },
        new PolicyStatement("CloudWatchAlarmsPublish", "Allow", ["kms:Decrypt", "kms:GenerateDataKey*"], [keyArn])
        {
            Principal = new Dictionary<string, string> { ["Service"] = "cloudwatch.amazonaws.com" },
            Condition = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["StringEquals"] = new Dictionary<string, string> { ["aws:SourceAccount"] = account },
                ["ArnLike"] = new Dictionary<string, string> { ["aws:SourceArn"] = $"arn:aws:cloudwatch:{region}:{account}:alarm:*" },
            },
        });
}
