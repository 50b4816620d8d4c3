using DrKit.Core.Model;
using DrKit.Core.Objectives;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Core.Config;

/// <summary>The AWS limits of <see cref="AwsLimits"/>, reported like every other config problem (file, line, key, expectation).</summary>
public static partial class StackSpecReader
{
    /// <summary>Whether <paramref name="text"/> is spelled like an AWS region (the check stack files get).</summary>
    public static bool IsAwsRegion(string text) => IsRegion(text);

    /// <summary>
    /// The service and stack names become parts of ECR repository names (<c>&lt;service&gt;/&lt;stack&gt;/&lt;repository&gt;</c>),
    /// which ECR refuses in upper case or with other characters: a problem here, rather than at CreateRepository.
    /// </summary>
    private static void CheckRegistryNames(Fields top, string service, string stackName, IEnumerable<ComponentSpec> components)
    {
        if (!components.Any(c => c.Options is RegistryOptions))
        {
            return;
        }

        // Without drkit:service the stack name stands for it: one problem, about the stack name.
        if (service != stackName && !AwsLimits.IsEcrPart(service))
        {
            top.Problem("service", $"names the stack's ECR repositories ({service}/{stackName}/<repository>); expected {AwsLimits.EcrPartExpected}, got '{service}'");
        }

        if (!AwsLimits.IsEcrPart(stackName))
        {
            top.Problem(new ConfigScalar(stackName, top.Location), "(stack name)",
                $"'{stackName}' is part of the stack's ECR repository names ({service}/{stackName}/<repository>); expected {AwsLimits.EcrPartExpected}: rename the stack and its file");
        }
    }

    private static void CheckName(string name, ConfigNode node, string path, List<ConfigProblem> problems)
    {
        if (AwsLimits.HyphenProblem(name) is { } problem)
        {
            problems.Add(new(node.Location, path, $"component name {problem}"));
        }
    }

    private static void CheckAwsLimits(Fields f, string name, Strategy strategy, ComponentOptions options, IReadOnlyList<string> regions, bool hasRecovery)
    {
        switch (options)
        {
            case RedisOptions redis:
                CheckRedis(f, name, strategy, redis, regions, hasRecovery);
                break;
            case BucketOptions bucket when bucket.Lifecycle.WarmAfter < TimeSpan.FromDays(AwsLimits.InfrequentAccessMinDays):
                f.Problem("warmAfter", $"S3 moves objects to STANDARD_IA no earlier than {AwsLimits.InfrequentAccessMinDays} days after creation; expected {AwsLimits.InfrequentAccessMinDays}d or more, got {DurationText.Format(bucket.Lifecycle.WarmAfter)}");
                break;
        }
    }

    private static void CheckRedis(Fields f, string name, Strategy strategy, RedisOptions o, IReadOnlyList<string> regions, bool hasRecovery)
    {
        // Every region may hold a replication group: the primary, Global Datastore secondaries, and drill restores.
        foreach (var region in regions.Where(r => name.Length > AwsLimits.MaxRedisComponentName(r)))
        {
            f.Problem(new ConfigScalar(name, f.Location), f.Path,
                $"is {name.Length} characters; its ElastiCache replication group id in {region} ('{name}-{region}' plus Pulumi's {AwsLimits.AutonameSuffix}-character random suffix) " +
                $"may have at most {AwsLimits.ReplicationGroupIdMax}, so a Redis component there may be named with at most {AwsLimits.MaxRedisComponentName(region)} characters");
        }

        if (o.AutomaticFailover && o.ReplicasPerShard == 0)
        {
            f.Problem("replicasPerShard", "0 leaves one node per shard, and ElastiCache automatic failover needs at least 2 (a primary and a replica); expected 1 or more, or automaticFailover: false");
        }

        if (o.Shards > 1)
        {
            if (!o.AutomaticFailover)
            {
                f.Problem("automaticFailover", $"ElastiCache requires automatic failover in cluster mode (shards: {o.Shards}); expected true, or shards: 1");
            }

            if (AwsLimits.ClusterParameterGroup(o.EngineVersion) is null)
            {
                f.Problem("engineVersion", $"'{o.EngineVersion}' has no cluster-mode default parameter group (shards: {o.Shards}); expected 3.2 or later, such as 7.1");
            }
        }

        if (strategy != Strategy.BackupRestore && hasRecovery && AwsLimits.GlobalDatastoreNodeProblem(o.NodeType) is { } node)
        {
            f.Problem("nodeType", $"{Names.Of(strategy)} keeps a Global Datastore secondary: {node}");
        }
    }
}
