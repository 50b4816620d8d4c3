using System.Collections.Immutable;
using DrKit.Core.Operations;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Traffic;

/// <summary>
/// The ARC side of <see cref="TrafficRouting"/>: one cluster (five regional data-plane endpoints, billed per hour),
/// a control panel, a routing control per region and an assertion rule keeping at least one On. ARC manages these through us-west-2 only, so they use that
/// region's provider, the stack's own when it has one. https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html
/// </summary>
internal sealed class RecoveryControls
{
    public RecoveryControls(Resource parent, string name, TrafficRoutingArgs args, IReadOnlyList<string> regions)
    {
        var p = args.Providers;
        var provider = p.ByRegion.TryGetValue(TrafficState.RecoveryControlRegion, out var own)
            ? own
            : new PulumiAws.Provider(RegionalProviders.ProviderName(TrafficState.RecoveryControlRegion), new PulumiAws.ProviderArgs
            {
                Region = TrafficState.RecoveryControlRegion,
            }, new CustomResourceOptions { Parent = parent });
        CustomResourceOptions Options() => new() { Parent = parent, Provider = provider };
        var label = Label(args.Traffic.Domain!);
        var cluster = new PulumiAws.Route53RecoveryControl.Cluster($"{name}-arc", new PulumiAws.Route53RecoveryControl.ClusterArgs
        {
            Name = label,
            Tags = args.Tags.For("traffic", TrafficState.RecoveryControlRegion),
        }, Options());
        var panel = new PulumiAws.Route53RecoveryControl.ControlPanel($"{name}-panel", new PulumiAws.Route53RecoveryControl.ControlPanelArgs
        {
            ClusterArn = cluster.Arn,
            Name = label,
        }, Options());
        Controls = regions.ToDictionary(r => r, r => new PulumiAws.Route53RecoveryControl.RoutingControl($"{name}-control-{r}", new PulumiAws.Route53RecoveryControl.RoutingControlArgs
        {
            ClusterArn = cluster.Arn,
            ControlPanelArn = panel.Arn,
            Name = $"{label}-{r}",
        }, Options()).Arn, StringComparer.Ordinal);
        // ARC refuses any later update that would leave every region's control Off (RoutingControlSafety decides the rule).
        var safety = RoutingControlSafety.AtLeastOneOn;
        var asserted = new InputList<string>();
        foreach (var control in Controls.Values)
        {
            asserted.Add(control);
        }

        SafetyRule = new PulumiAws.Route53RecoveryControl.SafetyRule($"{name}-at-least-one-on", new PulumiAws.Route53RecoveryControl.SafetyRuleArgs
        {
            ControlPanelArn = panel.Arn,
            Name = $"{(label.Length > 52 ? label[..52] : label)}-one-on",
            AssertedControls = asserted,
            WaitPeriodMs = safety.WaitPeriodMs,
            RuleConfig = new PulumiAws.Route53RecoveryControl.Inputs.SafetyRuleRuleConfigArgs
            {
                Type = safety.Type,
                Threshold = safety.Threshold,
                Inverted = safety.Inverted,
            },
        }, Options());
        Endpoints = cluster.ClusterEndpoints.Apply(list => (list.IsDefault ? [] : list)
            .Where(e => !string.IsNullOrEmpty(e.Region) && !string.IsNullOrEmpty(e.Endpoint))
            .GroupBy(e => e.Region!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First().Endpoint!, StringComparer.Ordinal));
    }

    /// <summary>The assertion rule over every routing control: at least one On.</summary>
    public PulumiAws.Route53RecoveryControl.SafetyRule SafetyRule { get; }

    /// <summary>Region -> routing control ARN.</summary>
    public IReadOnlyDictionary<string, Output<string>> Controls { get; }

    /// <summary>Region -> the cluster's data-plane endpoint URL there.</summary>
    public Output<ImmutableDictionary<string, string>> Endpoints { get; }

    /// <summary>ARC names allow letters, digits, hyphens and underscores; a domain's dots become hyphens.</summary>
    public static string Label(string domain)
    {
        var label = new string(domain.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return label.Length <= 64 ? label : label[..64];
    }
}
