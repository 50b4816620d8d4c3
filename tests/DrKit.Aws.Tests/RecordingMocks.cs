using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Aws.Tests;

/// <summary>Records every resource registration and answers with plausible ids, ARNs and endpoints.</summary>
internal sealed class RecordingMocks : IMocks
{
    public const string Account = "123456789012";

    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    /// <summary>Outputs of the stacks a <c>StackReference</c> reads, by stack reference name.</summary>
    public Dictionary<string, Dictionary<string, object>> ReferencedStacks { get; } = new(StringComparer.Ordinal);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(args);
        var name = args.Name ?? "unnamed";
        var region = RegionOf(args) ?? "us-east-1";
        var state = ImmutableDictionary.CreateBuilder<string, object>();
        state.AddRange(args.Inputs);
        var id = $"{name}-id";
        switch (args.Type)
        {
            case "aws:s3/bucket:Bucket":
                id = $"{name}-bucket";
                state["bucket"] = id;
                state["arn"] = $"arn:aws:s3:::{id}";
                break;
            case "random:index/randomId:RandomId":
                // A fresh value per creation, as the provider draws it.
                state["hex"] = System.Security.Cryptography.RandomNumberGenerator.GetHexString(6, lowercase: true);
                break;
            case "aws:kms/key:Key":
                state["arn"] = $"arn:aws:kms:{region}:{Account}:key/{name}";
                state["keyId"] = name;
                break;
            case "aws:iam/role:Role":
                state["arn"] = $"arn:aws:iam::{Account}:role/{name}";
                state["name"] = name;
                break;
            case "aws:rds/instance:Instance":
                state["arn"] = $"arn:aws:rds:{region}:{Account}:db:{name}";
                state["identifier"] = name;
                state["address"] = $"{name}.abc123.{region}.rds.amazonaws.com";
                state["endpoint"] = $"{name}.abc123.{region}.rds.amazonaws.com:5432";
                state["resourceId"] = $"db-{name}";
                break;
            case "aws:rds/parameterGroup:ParameterGroup":
                state["name"] = name;
                break;
            case "aws:elasticache/replicationGroup:ReplicationGroup":
                id = name;
                state["arn"] = $"arn:aws:elasticache:{region}:{Account}:replicationgroup:{name}";
                state["primaryEndpointAddress"] = $"master.{name}.abc123.{region}.cache.amazonaws.com";
                state["configurationEndpointAddress"] = $"clustercfg.{name}.abc123.{region}.cache.amazonaws.com";
                break;
            case "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup":
                state["globalReplicationGroupId"] = $"ldgnf-{args.Inputs.GetValueOrDefault("globalReplicationGroupIdSuffix")}";
                break;
            case "aws:ec2/capacityReservation:CapacityReservation":
                id = $"cr-{name}";
                break;
            case "aws:ecr/repository:Repository":
                state["registryId"] = Account;
                state["repositoryUrl"] = $"{Account}.dkr.ecr.{region}.amazonaws.com/{args.Inputs.GetValueOrDefault("name")}";
                state["arn"] = $"arn:aws:ecr:{region}:{Account}:repository/{args.Inputs.GetValueOrDefault("name")}";
                break;
            case "aws:dynamodb/table:Table":
                state["name"] = name;
                state["arn"] = $"arn:aws:dynamodb:{region}:{Account}:table/{name}";
                break;
            case "aws:autoscaling/group:Group":
                state["name"] = name;
                break;
            case "aws:route53/healthCheck:HealthCheck":
                id = $"hc-{name}";
                break;
            case "aws:route53/record:Record":
                state["fqdn"] = args.Inputs.GetValueOrDefault("name") ?? name;
                break;
            case "azure:cognitive/account:Account":
                state["endpoint"] = $"https://{args.Inputs.GetValueOrDefault("customSubdomainName")}.openai.azure.com/";
                state["primaryAccessKey"] = Output.CreateSecret($"key-{name}");
                break;
            case "pulumi:pulumi:StackReference":
                var referenced = args.Inputs.GetValueOrDefault("name") as string ?? name;
                id = referenced;
                state["outputs"] = (ReferencedStacks.GetValueOrDefault(referenced) ?? new Dictionary<string, object>()).ToImmutableDictionary();
                state["secretOutputNames"] = ImmutableArray<object>.Empty;
                break;
            case "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication":
                id = $"arn:aws:rds:{region}:{Account}:auto-backup:ab-{name}";
                break;
            case "aws:cloudwatch/logGroup:LogGroup":
                state["arn"] = $"arn:aws:logs:{region}:{Account}:log-group:{args.Inputs.GetValueOrDefault("name")}";
                break;
            case "aws:lambda/function:Function":
                state["arn"] = $"arn:aws:lambda:{region}:{Account}:function:{args.Inputs.GetValueOrDefault("name")}";
                break;
            case "aws:cloudwatch/eventRule:EventRule":
                state["name"] = name;
                state["arn"] = $"arn:aws:events:{region}:{Account}:rule/{name}";
                break;
            case "aws:sns/topic:Topic":
                state["arn"] = $"arn:aws:sns:{region}:{Account}:{name}";
                break;
            case "random:index/randomPassword:RandomPassword":
                state["result"] = Output.CreateSecret($"secret-{name}");
                break;
            case "random:index/randomString:RandomString":
                state["result"] = "a1b2c3";
                break;
        }

        return Task.FromResult<(string? id, object state)>((id, state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Token switch
    {
        // The VPC a named security group or DB subnet group is in, as the lookups return it.
        "aws:ec2/getSecurityGroup:getSecurityGroup" => args.Args.SetItem("vpcId", $"vpc-of-{args.Args.GetValueOrDefault("id")}"),
        "aws:rds/getSubnetGroup:getSubnetGroup" => args.Args.SetItem("vpcId", $"vpc-of-{args.Args.GetValueOrDefault("name")}"),
        _ => args.Args,
    });

    /// <summary>The region of the explicit provider a resource was registered with (provider names are "aws-&lt;region&gt;").</summary>
    public static string? RegionOf(MockResourceArgs args)
    {
        const string marker = "pulumi:providers:aws::aws-";
        var provider = args.Provider ?? string.Empty;
        var at = provider.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = provider[(at + marker.Length)..];
        var end = rest.IndexOf("::", StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }
}
