namespace DrKit.Operations.Tests.Fakes;

/// <summary>
/// Outputs of the pilot-light stack as the AWS stack would report them after an up, following the drkit-ops
/// config contract: promotion, writer region, fence, recovery compute and traffic.
/// </summary>
internal static class PilotLightProgram
{
    public const string Primary = "us-east-1";
    public const string Recovery = "us-west-2";
    public static readonly string[] DataTiers = ["context-store", "session-cache"];

    /// <summary>The SSM parameter applications read the context store's writer address from, in every serving region.</summary>
    public const string WriterParameter = "/drkit/pilot-light/context-store/writer-endpoint";

    /// <param name="replicaLagSeconds">Exported lag (a custom stack); null like the AWS stack, which leaves lag to CloudWatch.</param>
    /// <param name="artifactsInRecovery">False drops the recovery-region members of buckets and registries.</param>
    public static Dictionary<string, string> Outputs(IReadOnlyDictionary<string, string> config, int? replicaLagSeconds = 3, int? resyncLagSeconds = 5, bool artifactsInRecovery = true)
    {
        string? Get(string key) => config.GetValueOrDefault(key);
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in DataTiers)
        {
            var writer = Get($"drkit-ops:writerRegion.{c}");
            var promoted = (Get($"drkit-ops:promote.{c}") == "true" && writer != Primary) || writer == Recovery;
            o[$"{c}.primaryEndpoint"] = $"{c}.use1.internal:5432";
            o[$"{c}.recoveryEndpoint"] = $"{c}.usw2.internal:5432";
            if (replicaLagSeconds is { } lag)
            {
                o[$"{c}.replicaLagSeconds"] = lag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            o[$"{c}.recoveryRole"] = promoted ? "primary" : "replica";
            o[$"{c}.fenced"] = Get($"drkit-ops:fence.{c}") ?? "false";
            o[$"{c}.writerRegion"] = writer ?? (promoted ? Recovery : Primary);
            if (resyncLagSeconds is { } resync)
            {
                o[$"{c}.resyncLagSeconds"] = resync.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // context-store is the Postgres component with a cross-region RDS replica (FakeAws knows its CloudWatch metric).
        o["postgresInstanceIdentifiers"] = $"{{\"context-store\":{{\"{Primary}\":\"{FakeAws.PrimaryInstance}\",\"{Recovery}\":\"{FakeAws.RecoveryInstance}\"}}}}";

        o["postgresMasterPasswords"] = "{\"context-store\":\"test-password\"}";
        // The writer's address parameter the stack declares for its RDS tier with a cross-region replica.
        o["context-store.writerParameter"] = WriterParameter;

        // session-cache is the Redis component with a Global Datastore (FakeAws knows these ids).
        o["redisGlobalDatastoreIds"] = $"{{\"session-cache\":\"{FakeAws.GlobalId}\"}}";
        o["redisReplicationGroupIds"] = $"{{\"session-cache\":{{\"{Primary}\":\"{FakeAws.PrimaryGroup}\",\"{Recovery}\":\"{FakeAws.RecoveryGroup}\"}}}}";
        // Replicated buckets and registries of the pilot-light plan, per region, as the AWS stack exports them.
        string Regions(string value) => artifactsInRecovery
            ? $"{{\"{Primary}\":{value},\"{Recovery}\":{value}}}"
            : $"{{\"{Primary}\":{value}}}";
        o["bucketNames"] = "{" + string.Join(",", new[] { "context-store", "vector-index", "model-artifacts", "features-offline" }
            .Select(b => $"\"{b}\":{Regions($"\"{b}-bucket\"")}")) + "}";
        o["ecrRepositoryUrls"] = $"{{\"images\":{Regions("{\"rag-api\":\"123456789012.dkr.ecr.example/rag-api\"}")}}}";
        // What the failover acts on, as the AWS stack exports it (FakeAws knows these ids).
        o["postgresFenceSecurityGroupIds"] = $"{{\"context-store\":\"{FakeAws.FenceGroup}\"}}";
        o["postgresRecoveryFenceSecurityGroupIds"] = $"{{\"context-store\":{{\"{Recovery}\":\"{FakeAws.RecoveryFenceGroup}\"}}}}";
        o["postgresClientSecurityGroupIds"] = $"{{\"context-store\":\"{FakeAws.ClientGroup}\"}}";
        o["postgresRecoveryClientSecurityGroupIds"] = $"{{\"context-store\":{{\"{Recovery}\":\"{FakeAws.RecoveryClientGroup}\"}}}}";
        o["postgresWriterParameterGroups"] = $"{{\"context-store\":{{\"{Primary}\":\"{FakeAws.WriterParameterGroup}\"}}}}";
        o["recoveryAutoScalingGroup"] = FakeAws.Group;
        o["recoveryCapacityReservation"] = FakeAws.Reservation;
        o["routingControlArns"] = "{" + string.Join(",", new[] { Primary, Recovery }.Select(r => $"\"{r}\":\"{FakeAws.ControlArn(r)}\"")) + "}";
        o["routingControlEndpoints"] = "{" + string.Join(",", FakeAws.ClusterEndpoints.Select(e => $"\"{e.Key}\":\"{e.Value}\"")) + "}";
        o["recovery.available"] = "2";
        o["recovery.running"] = Get("drkit-ops:recovery.running") ?? "0";
        o["traffic.activeRegion"] = Get("drkit-ops:traffic.activeRegion") ?? Primary;
        o["traffic.percent"] = Get("drkit-ops:traffic.percent") ?? "100";
        o[$"endpoint.{Primary}"] = "https://api.use1.assistant.example.com/healthz";
        o[$"endpoint.{Recovery}"] = "https://api.usw2.assistant.example.com/healthz";
        return o;
    }
}
