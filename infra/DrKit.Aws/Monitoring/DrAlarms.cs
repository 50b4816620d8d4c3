using System.Collections.Immutable;
using DrKit.Core.Monitoring;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Monitoring;

/// <summary>
/// The CloudWatch alarms the core decided (<see cref="AlarmPlanner"/>), each in the region its metric is published
/// in, notifying an SNS topic per region and severity that this component declares: CloudWatch alarm actions publish
/// to a topic in the alarm's own region, and one topic per severity lets a pager subscribe to critical alarms only.
/// Route 53 health-check metrics exist only in us-east-1; a stack without that region gets a provider for it here.
/// The topics are the plan's (<see cref="AlarmPlanner.TopicRegions"/> x every severity), not the current alarms', so they
/// never churn with operations. The outage canaries the core decided run in their home regions, each watched by its own
/// alarm there.
/// </summary>
public sealed partial class DrAlarms : ComponentResource
{
    public const string TypeToken = "drkit:monitoring:DrAlarms";

    public DrAlarms(string name, DrAlarmsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var providers = new Dictionary<string, PulumiAws.Provider>(args.Providers.ByRegion, StringComparer.Ordinal);
        var topics = new Dictionary<(string Region, AlarmSeverity Severity), (PulumiAws.Sns.Topic Topic, Resource KeyPolicy)>();
        var topicArns = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var alarmNames = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var canaryNames = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        var probeNames = new Dictionary<string, Output<string>>(StringComparer.Ordinal);

        // Every topic the plan decided, whatever alarms exist now: alarms only pick among them, so an operation that
        // removes a region's last alarm of a severity leaves its topic, ARN and confirmed subscriptions in place.
        foreach (var region in args.TopicRegions)
        {
            var provider = ProviderFor(region, providers, args.Tags);
            var (key, keyPolicy) = TopicKey(name, args, region, provider);
            foreach (var severity in AlarmPlanner.Severities)
            {
                var topic = Topic(name, args, region, severity, key, provider);
                topics[(region, severity)] = (topic, keyPolicy);
                topicArns[$"{region}/{SeverityName(severity)}"] = topic.Arn;
            }
        }

        foreach (var canary in args.Canaries)
        {
            canaryNames[canary.Key] = Canary(name, args, canary, ProviderFor(canary.Region, providers, args.Tags)).Name;
        }

        foreach (var probe in args.Probes)
        {
            probeNames[probe.Key] = Probe(name, args, probe, ProviderFor(probe.Region, providers, args.Tags)).Name;
        }

        foreach (var spec in args.Alarms)
        {
            var provider = ProviderFor(spec.Region, providers, args.Tags);
            if (!topics.TryGetValue((spec.Region, spec.Severity), out var topic))
            {
                throw new InvalidOperationException($"alarm {spec.Key} lives in {spec.Region}, which has no {SeverityName(spec.Severity)} topic: the plan's topic regions are {string.Join(", ", args.TopicRegions)}");
            }

            // A canary's alarm names the canary declared here, a probe's alarm the stack and component the probe
            // publishes for; every other alarm watches a resource the stack declared.
            IReadOnlyList<InputMap<string>> dimensions = spec.Target switch
            {
                AlarmTarget.Canary => [new InputMap<string> { ["CanaryName"] = canaryNames.TryGetValue(spec.Key, out var canaryName) ? canaryName : throw new InvalidOperationException($"alarm {spec.Key} watches no declared canary") }],
                AlarmTarget.Probe => [new InputMap<string> { [FreshnessProbe.Dimensions[0]] = args.Stack, [FreshnessProbe.Dimensions[1]] = spec.Component }],
                _ => args.Dimensions(spec),
            };
            alarmNames[spec.Key] = Alarm(name, args, spec, dimensions, topic.Topic, topic.KeyPolicy, provider).Name;
        }

        TopicArns = OutputMaps.Of(topicArns);
        AlarmNames = OutputMaps.Of(alarmNames);
        CanaryNames = OutputMaps.Of(canaryNames);
        ProbeNames = OutputMaps.Of(probeNames);
        RegisterOutputs();
    }

    /// <summary>"region/severity" -> SNS topic ARN; subscribe pagers, chat or e-mail to these.</summary>
    [Output("topicArns")]
    public Output<ImmutableDictionary<string, string>> TopicArns { get; }

    /// <summary>Alarm key -> CloudWatch alarm name.</summary>
    [Output("alarmNames")]
    public Output<ImmutableDictionary<string, string>> AlarmNames { get; }

    /// <summary>Outage canary key -> Synthetics canary name.</summary>
    [Output("canaryNames")]
    public Output<ImmutableDictionary<string, string>> CanaryNames { get; }

    /// <summary>Freshness probe key -> Lambda function name.</summary>
    [Output("probeNames")]
    public Output<ImmutableDictionary<string, string>> ProbeNames { get; }

    public static string SeverityName(AlarmSeverity severity) => severity.ToString().ToLowerInvariant();

    private PulumiAws.Provider ProviderFor(string region, Dictionary<string, PulumiAws.Provider> providers, StackTags tags)
    {
        if (!providers.TryGetValue(region, out var provider))
        {
            // Same logical name scheme as the stack's regional providers, so operators and tests read the region from it.
            provider = new PulumiAws.Provider(RegionalProviders.ProviderName(region), new PulumiAws.ProviderArgs
            {
                Region = region,
                DefaultTags = new PulumiAws.Inputs.ProviderDefaultTagsArgs { Tags = tags.Defaults() },
            }, new CustomResourceOptions { Parent = this });
            providers[region] = provider;
        }

        return provider;
    }

    /// <summary>
    /// One alarm, created after its topic key's policy admits CloudWatch: a brand-new alarm (most start in ALARM, missing
    /// data breaching) publishes at once, and before the policy exists that publish fails silently with KMS AccessDenied.
    /// </summary>
    private PulumiAws.CloudWatch.MetricAlarm Alarm(string name, DrAlarmsArgs args, AlarmSpec spec, IReadOnlyList<InputMap<string>> dimensions, PulumiAws.Sns.Topic topic, Resource keyPolicy, PulumiAws.Provider provider)
    {
        var alarm = new PulumiAws.CloudWatch.MetricAlarmArgs
        {
            Name = spec.AlarmName(args.Stack),
            AlarmDescription = $"[{SeverityName(spec.Severity)}] {spec.Description}",
            ComparisonOperator = spec.ComparisonOperator,
            Threshold = spec.Threshold,
            EvaluationPeriods = spec.EvaluationPeriods,
            DatapointsToAlarm = spec.DatapointsToAlarm,
            TreatMissingData = spec.TreatMissingData,
            AlarmActions = { topic.Arn },
            OkActions = { topic.Arn },
            Tags = Tags(args.Tags, spec.Component, SeverityName(spec.Severity)),
        };
        // No Unit on purpose: an alarm with a unit the metric is not published in sees no data at all.
        if (dimensions.Count == 1)
        {
            alarm.Namespace = spec.Namespace;
            alarm.MetricName = spec.MetricName;
            alarm.Statistic = spec.Statistic;
            alarm.Period = spec.PeriodSeconds;
            alarm.Dimensions = dimensions[0];
        }
        else
        {
            // Several member nodes: alarm on the largest of them with metric math (the core keeps each alarm to 10 metrics).
            for (var i = 0; i < dimensions.Count; i++)
            {
                alarm.MetricQueries.Add(new PulumiAws.CloudWatch.Inputs.MetricAlarmMetricQueryArgs
                {
                    Id = $"m{i + 1}",
                    ReturnData = false,
                    Metric = new PulumiAws.CloudWatch.Inputs.MetricAlarmMetricQueryMetricArgs
                    {
                        Namespace = spec.Namespace,
                        MetricName = spec.MetricName,
                        Stat = spec.Statistic,
                        Period = spec.PeriodSeconds,
                        Dimensions = dimensions[i],
                    },
                });
            }

            alarm.MetricQueries.Add(new PulumiAws.CloudWatch.Inputs.MetricAlarmMetricQueryArgs
            {
                Id = "lag",
                Expression = "MAX(METRICS())",
                Label = $"{spec.MetricName} (largest member)",
                ReturnData = true,
            });
        }

        return new PulumiAws.CloudWatch.MetricAlarm($"{name}-{spec.Key}", alarm, AlarmOptions(this, provider, keyPolicy));
    }

    /// <summary>An alarm's options: its regional provider, and created only once its topic key's policy admits CloudWatch.</summary>
    internal static CustomResourceOptions AlarmOptions(Resource parent, PulumiAws.Provider provider, Resource keyPolicy) =>
        new() { Parent = parent, Provider = provider, DependsOn = { keyPolicy } };

    private static InputMap<string> Tags(StackTags tags, string component, string severity)
    {
        var map = tags.For(component);
        map.Add("severity", severity);
        return map;
    }
}
