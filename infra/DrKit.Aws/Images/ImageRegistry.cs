using System.Collections.Immutable;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Images;

public sealed class ImageRegistryArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required RegistrySettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// ECR repositories pre-created with the same settings in every region (so replicated images land in
/// repositories DrKit controls: immutable tags, scan on push, KMS). The registry replication configuration is one
/// per account and region, so this component declares none: it exports the rule it needs
/// (<see cref="ReplicationNeed"/>) and the account's <see cref="RegistryReplicationOwner"/> merges every stack's rule.
/// </summary>
public sealed class ImageRegistry : ComponentResource
{
    public const string TypeToken = "drkit:images:ImageRegistry";

    public ImageRegistry(string name, ImageRegistryArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var p = args.Providers;
        var component = args.Plan.Name;
        Prefix = RepositoryPrefix(args.Tags);
        var regions = s.Replicate ? p.ByRegion.Keys.ToList() : [p.PrimaryRegion];
        var urls = new Dictionary<string, Output<ImmutableDictionary<string, string>>>(StringComparer.Ordinal);
        var repositories = new Dictionary<string, List<PulumiAws.Ecr.Repository>>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            var key = new PulumiAws.Kms.Key($"{name}-{region}-key", new PulumiAws.Kms.KeyArgs
            {
                Description = $"DrKit container images of {component} ({region})",
                EnableKeyRotation = true,
                Tags = args.Tags.For(component, "images"),
            }, p.In(region, this));
            repositories[region] = s.Repositories.Select(repo => new PulumiAws.Ecr.Repository($"{name}-{repo}-{region}", new PulumiAws.Ecr.RepositoryArgs
            {
                Name = Prefix + repo,
                ImageTagMutability = s.TagImmutable ? "IMMUTABLE" : "MUTABLE",
                ImageScanningConfiguration = new PulumiAws.Ecr.Inputs.RepositoryImageScanningConfigurationArgs { ScanOnPush = s.ScanOnPush },
                EncryptionConfigurations = { new PulumiAws.Ecr.Inputs.RepositoryEncryptionConfigurationArgs { EncryptionType = "KMS", KmsKey = key.Arn } },
                Tags = args.Tags.For(component, region == p.PrimaryRegion ? "primary" : "recovery"),
            }, p.In(region, this))).ToList();
            urls[region] = OutputMaps.Of(s.Repositories.Zip(repositories[region], (repo, r) => KeyValuePair.Create(repo, r.RepositoryUrl)));
        }

        if (s.Replicate && p.RecoveryRegions.Count > 0 && repositories[p.PrimaryRegion].Count > 0)
        {
            // The registry id is the account id; any repository of the primary region carries it. The rule itself is
            // declared by the account's registry owner (RegistryReplicationOwner), never here: see RegistryReplication.
            var stack = args.Tags.Stack;
            ReplicationNeed = repositories[p.PrimaryRegion][0].RegistryId.Apply(account =>
                RegistryReplication.Serialize(new RegistryReplicationNeed(stack, account, p.PrimaryRegion, Prefix, [.. p.RecoveryRegions])));
        }
        else
        {
            ReplicationNeed = Output.Create(string.Empty);
        }

        RepositoryUrls = OutputMaps.Of(urls);
        RegisterOutputs();
    }

    /// <summary>JSON <see cref="RegistryReplicationNeed"/>: this stack's prefix, source region and destinations; empty when nothing replicates.</summary>
    [Output("replicationNeed")]
    public Output<string> ReplicationNeed { get; }

    /// <summary>The name prefix of the stack's repositories; the replication filter matches on it.</summary>
    public string Prefix { get; }

    /// <summary>Region -> repository (as named in the plan) -> repository URL.</summary>
    [Output("repositoryUrls")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> RepositoryUrls { get; }

    public static string RepositoryPrefix(StackTags tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return RegistryReplication.Prefix(tags.Service, tags.Stack);
    }
}
