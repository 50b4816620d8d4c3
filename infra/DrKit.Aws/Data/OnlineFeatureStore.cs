using System.Collections.Immutable;
using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

public sealed class OnlineFeatureStoreArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required OnlineFeatureStoreSettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }
}

/// <summary>
/// The online feature store as one on-demand DynamoDB table, encrypted with a customer key, with point-in-time
/// recovery as planned and, for a global table, a replica (with its own region's key) in each recovery region.
/// </summary>
public sealed class OnlineFeatureStore : ComponentResource
{
    public const string TypeToken = "drkit:data:OnlineFeatureStore";

    /// <summary>Global tables replicate through the table's stream, which must carry new and old images.</summary>
    public const string StreamViewType = "NEW_AND_OLD_IMAGES";

    public OnlineFeatureStore(string name, OnlineFeatureStoreArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var s = args.Settings;
        var p = args.Providers;
        var component = args.Plan.Name;
        var regions = s.GlobalTable ? p.ByRegion.Keys.ToList() : [p.PrimaryRegion];
        var keys = regions.ToDictionary(r => r, r => new PulumiAws.Kms.Key($"{name}-{r}-key", new PulumiAws.Kms.KeyArgs
        {
            Description = $"DrKit online features of {component} ({r})",
            EnableKeyRotation = true,
            Tags = args.Tags.For(component, "features"),
        }, p.In(r, this)), StringComparer.Ordinal);

        var table = new PulumiAws.DynamoDB.TableArgs
        {
            BillingMode = "PAY_PER_REQUEST",
            HashKey = s.HashKey,
            Attributes = { new PulumiAws.DynamoDB.Inputs.TableAttributeArgs { Name = s.HashKey, Type = "S" } },
            StreamEnabled = true,
            StreamViewType = StreamViewType,
            PointInTimeRecovery = new PulumiAws.DynamoDB.Inputs.TablePointInTimeRecoveryArgs { Enabled = s.PointInTimeRecovery },
            ServerSideEncryption = new PulumiAws.DynamoDB.Inputs.TableServerSideEncryptionArgs { Enabled = true, KmsKeyArn = keys[p.PrimaryRegion].Arn },
            Tags = args.Tags.For(component, "primary"),
        };
        foreach (var region in regions.Where(r => r != p.PrimaryRegion))
        {
            table.Replicas.Add(new PulumiAws.DynamoDB.Inputs.TableReplicaArgs
            {
                RegionName = region,
                KmsKeyArn = keys[region].Arn,
                PointInTimeRecovery = s.PointInTimeRecovery,
                PropagateTags = true,
            });
        }

        var created = new PulumiAws.DynamoDB.Table(name, table, p.In(p.PrimaryRegion, this));
        TableName = created.Name;
        TableArn = created.Arn;
        ReplicaRegions = Output.Create(regions.Where(r => r != p.PrimaryRegion).ToImmutableArray());
        RegisterOutputs();
    }

    [Output("tableName")]
    public Output<string> TableName { get; }

    [Output("tableArn")]
    public Output<string> TableArn { get; }

    [Output("replicaRegions")]
    public Output<ImmutableArray<string>> ReplicaRegions { get; }
}
