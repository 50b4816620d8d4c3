using DrKit.Azure.Models;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Platforms.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure.Drills;

/// <summary>
/// An Azure drill stack (<c>drkit-ops:drill.*</c> set): it declares the restored copies <see cref="AzureDrillRestore"/>
/// decided, in a resource group of its own in the drill region, and nothing else: no Traffic Manager profile or
/// endpoints (production owns them), no replicas, replication policies or geo-replication links (a drill never joins
/// production's replication), no accounts or registries (their replicas are read in place), no capacity. Every name is
/// the drill stack's own (<see cref="AzureNames"/> hashes it in), so nothing of production is addressed or replaced.
/// </summary>
public sealed class AzureDrillResources
{
    private readonly Dictionary<string, Output<string>> _outputs = new(StringComparer.Ordinal);

    /// <param name="ops">The drill stack's plan and operations state: <see cref="OperationsState.Drill"/> must be set.</param>
    /// <param name="settings">The <c>azure:*</c> provider keys of the drill stack.</param>
    public AzureDrillResources(StackOperations ops, AzureProviderSettings settings, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(settings);
        var plan = ops.Plan;
        var state = ops.State;
        var drill = state.Drill ?? throw new ArgumentException($"Stack {plan.Stack} is not a drill stack (no drkit-ops:drill.* set).", nameof(ops));
        var region = drill.Region ?? DrillRestore.DrillRegion(plan);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AwsNames.StackTagKey] = plan.Stack,
            [DrillSourceTag] = drill.SourceStack,
        };
        var tiers = AzureDrillRestore.For(plan.Components, plan.PrimaryRegion, region);
        var restorable = tiers.Where(t => t.Kind is RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime
            && !string.IsNullOrEmpty(state.Sources.GetValueOrDefault(DrillRestore.RestoreSourceOutput(t.Component)))
            && !string.IsNullOrEmpty(state.Sources.GetValueOrDefault(DrillRestore.RecoveryPointSource(t.Component)))).ToList();
        Providers = AzureProviders.Create([region], settings, parent);
        PulumiAzure.Core.ResourceGroup? group = restorable.Count == 0 ? null : new PulumiAzure.Core.ResourceGroup($"{plan.Stack}-drill-rg", new PulumiAzure.Core.ResourceGroupArgs
        {
            Name = AzureDrillRestore.ResourceGroup(plan, plan.Stack, region),
            Location = region,
            Tags = AzureTags.Of(tags),
        }, new CustomResourceOptions { Parent = parent, Provider = Providers.For(region) });
        foreach (var tier in tiers)
        {
            var component = plan.Components.First(c => c.Name == tier.Component);
            var source = state.Sources.GetValueOrDefault(DrillRestore.RestoreSourceOutput(tier.Component));
            _outputs[DrillRestore.RestoredFromOutput(tier.Component)] = Output.Create($"{tier.From}: {(string.IsNullOrEmpty(source) ? "(not read)" : source)}");
            if (group is null || !restorable.Contains(tier))
            {
                // Nothing read for it in this run (the drill names why in its record): nothing is declared or probed.
                continue;
            }

            var pg = (AzurePostgresSettings)component.Settings;
            var point = state.Sources[DrillRestore.RecoveryPointSource(tier.Component)];
            var server = new RestoredFlexibleServer(tier.Component, new RestoredFlexibleServerArgs
            {
                Name = AzureDrillRestore.RestoredServer(plan, plan.Stack, tier.Component, region),
                Location = region,
                ResourceGroupName = group.Name,
                CreateMode = tier.Kind == RestoreKind.FlexibleServerGeoRestore ? RestoredFlexibleServer.GeoRestore : RestoredFlexibleServer.PointInTimeRestore,
                SourceServerId = source!,
                RestoreTime = point,
                SkuName = pg.SkuName,
                StorageMb = pg.StorageMb,
                PublicNetworkAccess = pg.PublicNetworkAccess,
                Key = Key(plan, state, tier.Component, pg),
                CreateTimeout = DrillRestore.RestoreTimeout(component),
                Providers = Providers,
                Tags = tags,
            }, new ComponentResourceOptions { Parent = parent });
            if (tier.RecoveryPointOutput is { } pointOutput)
            {
                // A point-in-time restore lands exactly on the time read; a geo-restore's point is the service's and unpublished.
                _outputs[pointOutput] = Output.Create(point);
            }

            _outputs[DrillRestore.RestoredIdOutput(tier.Component)] = server.ServerId;
            _outputs[OperationsOutputNames.PrimaryEndpoint(tier.Component)] = Output.Create(string.Empty);
            _outputs[OperationsOutputNames.RecoveryEndpoint(tier.Component)] = server.Fqdn;
            _outputs[OperationsOutputNames.RecoveryRole(tier.Component)] = Output.Create("primary");
            _outputs[OperationsOutputNames.WriterRegion(tier.Component)] = Output.Create(region);
        }
    }

    /// <summary>Tag naming the stack a drill copy was restored from.</summary>
    public const string DrillSourceTag = "drkit-source";

    public AzureProviders Providers { get; }

    /// <summary>The drill stack's flat outputs: per tier where its data came from; per restored server its id (what the
    /// drill's probe reads at Azure), endpoint and, for a point-in-time restore, the recovery point.</summary>
    public IDictionary<string, object?> StackOutputs() => _outputs.ToDictionary(o => o.Key, o => (object?)o.Value, StringComparer.Ordinal);

    /// <summary>The source's key and identity in the drill region, for a server with customer keys; refused when the drill did not copy them.</summary>
    private static RestoredServerKey? Key(DrPlan plan, OperationsState state, string component, AzurePostgresSettings pg)
    {
        if (pg.Keys.Count == 0)
        {
            return null;
        }

        var key = state.Sources.GetValueOrDefault(DrillRestore.RestoreKeyOutput(component));
        var identity = state.Sources.GetValueOrDefault(AzureDrillRestore.RestoreIdentityOutput(component));
        return !string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(identity)
            ? new RestoredServerKey(key, identity)
            : throw new RunException($"Drill stack {plan.Stack} has no {OperationsKeys.Full(DrillRestore.RestoreKeyKey(component))} or {OperationsKeys.Full(AzureDrillRestore.RestoreIdentityKey(component))}: " +
                $"the source server uses customer keys, and a restore of it needs the source's key and identity in the drill region; deploy the source with this DrKit version, then run 'drkit drill', which copies them.");
    }
}
