using System.Collections.Immutable;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Images;

public sealed class RegistryReplicationOwnerArgs : ResourceArgs
{
    /// <summary>Stack references of the member stacks whose <c>registryReplication</c> outputs are merged.</summary>
    public required IReadOnlyList<string> Members { get; init; }

    /// <summary>One provider per registry region this owner declares the configuration of.</summary>
    public required RegionalProviders Providers { get; init; }
}

/// <summary>
/// The one owner of an account's ECR registry replication: per region, a single replication configuration whose
/// rules merge every member stack's need (<see cref="RegistryReplication.Merge"/>), read from the members' outputs.
/// Member stacks and drill stacks declare no registry-wide setting, so destroying one of them never removes the
/// others' replication; the member's rule goes on this stack's next update.
/// </summary>
public sealed class RegistryReplicationOwner : ComponentResource
{
    public const string TypeToken = "drkit:images:RegistryReplicationOwner";

    public RegistryReplicationOwner(string name, RegistryReplicationOwnerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var needs = args.Members.Select(member =>
        {
            var reference = new StackReference($"{name}-{member.Replace('/', '-')}", new StackReferenceArgs { Name = member }, new CustomResourceOptions { Parent = this });
            return reference.GetOutput(RegistryReplication.OutputName).Apply(value => RegistryReplication.Parse(member, value as string));
        }).ToList();
        var regions = args.Providers.ByRegion.Keys.ToList();
        var all = Output.All(needs).Apply(list => list.OfType<RegistryReplicationNeed>().ToImmutableArray());
        // Checked once for all regions, before any configuration is sent: an empty rule list or an unowned member fails with what to change.
        var planned = all.Apply(list => RegistryReplication.Plan(regions, list));

        var rules = new Dictionary<string, Output<ImmutableArray<RegistryReplicationRule>>>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var merged = planned.Apply(plan => plan[region].ToImmutableArray());
            var registry = all.Apply(list => list.FirstOrDefault(n => n.SourceRegion == region)?.RegistryId ?? string.Empty);
            var details = Output.Tuple(merged, registry).Apply(t => Details(t.Item1, t.Item2));
            // The one-owner lock: a second account stack's create of this parameter fails, before its configuration is sent.
            // Overwrite is left unset on purpose: unset, the provider sends false on create (ParameterAlreadyExists for a second
            // owner) and true on this owner's own updates; set to false it would send false on every update too, and a changed
            // description or stack name would fail the owner's up (Overwrite in pulumi-aws sdk/dotnet Ssm/Parameter.cs).
            var owner = new PulumiAws.Ssm.Parameter($"{name}-{region}-owner", new PulumiAws.Ssm.ParameterArgs
            {
                Name = RegistryReplication.OwnerParameter,
                Type = "String",
                InsecureValue = $"{Deployment.Instance.ProjectName}/{Deployment.Instance.StackName}",
                Description = "DrKit: the account stack that owns this region's ECR registry replication. Only one may exist per account and region; " +
                    "add the other stacks as members of this one instead of deploying a second account stack.",
            }, ClaimOptions(args.Providers.In(region, this)));
            _ = new PulumiAws.Ecr.ReplicationConfiguration($"{name}-{region}", new PulumiAws.Ecr.ReplicationConfigurationArgs
            {
                ReplicationConfigurationDetails = details,
            }, args.Providers.In(region, this, owner));
            rules[region] = merged;
        }

        RuleCounts = OutputMaps.Of(rules.ToDictionary(r => r.Key, r => r.Value.Apply(v => v.Length), StringComparer.Ordinal));
        RegisterOutputs();
    }

    /// <summary>
    /// The claim's name is fixed and ForceNew, so a replacement created before the old one is deleted would meet the old
    /// parameter (ParameterAlreadyExists): delete first, then create.
    /// </summary>
    private static CustomResourceOptions ClaimOptions(CustomResourceOptions options)
    {
        options.DeleteBeforeReplace = true;
        return options;
    }

    /// <summary>Region -> number of rules declared (stacks with the same destinations share one).</summary>
    [Output("ruleCounts")]
    public Output<ImmutableDictionary<string, int>> RuleCounts { get; }

    private static PulumiAws.Ecr.Inputs.ReplicationConfigurationReplicationConfigurationArgs Details(ImmutableArray<RegistryReplicationRule> rules, string registryId)
    {
        var details = new PulumiAws.Ecr.Inputs.ReplicationConfigurationReplicationConfigurationArgs();
        foreach (var rule in rules)
        {
            var args = new PulumiAws.Ecr.Inputs.ReplicationConfigurationReplicationConfigurationRuleArgs();
            foreach (var prefix in rule.Prefixes)
            {
                args.RepositoryFilters.Add(new PulumiAws.Ecr.Inputs.ReplicationConfigurationReplicationConfigurationRuleRepositoryFilterArgs { Filter = prefix, FilterType = "PREFIX_MATCH" });
            }

            foreach (var destination in rule.Destinations)
            {
                args.Destinations.Add(new PulumiAws.Ecr.Inputs.ReplicationConfigurationReplicationConfigurationRuleDestinationArgs { Region = destination, RegistryId = registryId });
            }

            details.Rules.Add(args);
        }

        return details;
    }
}
