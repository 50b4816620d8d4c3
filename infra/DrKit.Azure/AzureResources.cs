using System.Collections.Immutable;
using DrKit.Azure.Models;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure;

/// <summary>
/// The Azure part of a DrKit stack: a resource group per region, one explicit provider per region, and every component
/// the plan runs on Azure, declared through its component resource from the decided <see cref="StackOperations"/>, under
/// the names <see cref="AzureNames"/> decided (operations address the same resources by the same names). Exports the flat
/// operations outputs and the ids Azure operations read (docs/operations.md, "Contract with the Azure stack").
/// </summary>
public sealed partial class AzureResources
{
    /// <param name="parent">The stack to declare under; null: the program's root stack.</param>
    public AzureResources(StackOperations operations, AzureProviderSettings provider, AzureDeploySettings deploy, Resource? parent)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(deploy);
        Operations = operations;
        Deploy = deploy;
        var plan = operations.Plan;
        Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["drkit-stack"] = plan.Stack, ["drkit-service"] = plan.Service };
        var groups = AzureDeclared.ResourceGroups(plan);
        Providers = AzureProviders.Create(groups.Keys.Concat(AzureOpenAiDeployments.Locations(plan)), provider, parent);
        ResourceGroupIds = groups.ToDictionary(g => g.Key, g => new PulumiAzure.Core.ResourceGroup($"rg-{g.Key}", new PulumiAzure.Core.ResourceGroupArgs
        {
            Name = g.Value,
            Location = g.Key,
            Tags = AzureTags.Of(Tags),
        }, new CustomResourceOptions { Parent = parent, Provider = Providers.For(g.Key) }), StringComparer.Ordinal);
        ResourceGroupNames = groups;

        foreach (var c in Platform.Components(plan, Platform.Azure))
        {
            var options = new ComponentResourceOptions { Parent = parent };
            // A component's resources go into groups this stack declares: wait for them.
            options.DependsOn.Add(ResourceGroupIds.Values.Select(g => (Resource)g).ToList());
            switch (c.Settings)
            {
                case AzurePostgresSettings pg:
                    Postgres(c.Name, pg, options);
                    break;
                case AzureRedisSettings redis:
                    Redis(c.Name, redis, options);
                    break;
                case AzureBlobSettings blob:
                    Blob(c.Name, blob, options);
                    break;
                case AzureVectorIndexSettings vectors:
                    Blob(c.Name, vectors.Store, options);
                    break;
                case AzureRegistrySettings registry:
                    Registry(c.Name, registry, options);
                    break;
                case AzureGpuSettings gpu:
                    Gpu(c.Name, gpu, options);
                    break;
                case AzureTrafficSettings traffic:
                    Traffic(c.Name, traffic, options);
                    break;
                default:
                    throw new InvalidOperationException($"DrKit has no Azure component for {c.Name} ({c.Settings.GetType().Name})");
            }
        }

        FleetGrants(parent);
        Models(parent);
    }

    public StackOperations Operations { get; }

    public AzureDeploySettings Deploy { get; }

    public AzureProviders Providers { get; }

    /// <summary>Region -> the resource group declared there.</summary>
    public IReadOnlyDictionary<string, PulumiAzure.Core.ResourceGroup> ResourceGroupIds { get; }

    public IReadOnlyDictionary<string, string> ResourceGroupNames { get; }

    private IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Data component -> its members' endpoints (host:port), for the flat outputs.</summary>
    private Dictionary<string, (Output<string> Primary, Output<string> Recovery)> Endpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>(component, region or null) -> id of the resource a fleet grant is scoped to.</summary>
    private Dictionary<(string Component, string? Region), Output<string>> Scopes { get; } = new();

    /// <summary>Region -> the GPU fleet's user-assigned identity there.</summary>
    private Dictionary<string, PulumiAzure.Authorization.UserAssignedIdentity> FleetIdentities { get; } = new(StringComparer.Ordinal);

    /// <summary>Output name -> value of the Azure ids operations read (<see cref="StackOutputs"/>), and the source outputs a
    /// drill reads (a customer-key server's key and identity in the drill region).</summary>
    private SortedDictionary<string, Output<string>> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every stack output: the flat operations outputs of <see cref="StackOperations.FlatOutputs"/> (data endpoints from
    /// what was declared), then the Azure ids under <c>azure.*</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> StackOutputs()
    {
        var tiers = Endpoints.Select(e => Output.Tuple(e.Value.Primary, e.Value.Recovery).Apply(p => KeyValuePair.Create(e.Key, new TierEndpoints(p.Item1, p.Item2))));
        var flat = Output.All(tiers).Apply(list => Operations.FlatOutputs(list.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)).ToImmutableDictionary());
        var outputs = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in Operations.FlatOutputs(new Dictionary<string, TierEndpoints>(StringComparer.Ordinal)).Keys)
        {
            outputs[key] = flat.Apply(all => all[key]);
        }

        foreach (var (region, group) in ResourceGroupNames)
        {
            outputs[AzureOutputNames.ResourceGroup(region)] = Output.Create(group);
        }

        foreach (var (key, value) in Ids)
        {
            outputs[key] = value;
        }

        return outputs;
    }
}
