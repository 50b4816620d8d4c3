using System.Text.Json;
using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>The state FakeKube answers from, and how each call changes it.</summary>
internal sealed partial class FakeKube
{
    private readonly Dictionary<string, string> _spec = new(StringComparer.Ordinal) { [PrimaryCluster] = PrimaryCluster, [RecoveryCluster] = PrimaryCluster };
    private readonly HashSet<string> _primaries = new(StringComparer.Ordinal) { PrimaryCluster };
    private readonly Dictionary<string, string> _specTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _replayed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tokenPolls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _replayChecks = new(StringComparer.Ordinal);
    private int _inferenceReadyPolls;

    /// <summary><c>.spec.replica.primary</c> of the primary (us-east-1) and recovery (us-west-2) clusters.</summary>
    public string PrimarySpec => _spec[PrimaryCluster];

    public string RecoverySpec => _spec[RecoveryCluster];

    public bool PrimaryDemoted => !_primaries.Contains(PrimaryCluster);

    /// <summary>Every patch that named the recovery cluster its own primary: its promotionToken (null: none) and whether
    /// the replica had already replayed up to the token's location when it came.</summary>
    public List<(string? Token, bool ReplayedBefore)> RecoveryPromotions { get; } = [];

    /// <summary>The same for the primary cluster (failback).</summary>
    public List<(string? Token, bool ReplayedBefore)> PrimaryPromotions { get; } = [];

    public bool RecoveryIsPrimary => _primaries.Contains(RecoveryCluster);

    public bool PrimaryIsPrimary => _primaries.Contains(PrimaryCluster);

    /// <summary>Replay checks after a demotion before the other cluster reaches the token's location.</summary>
    public int ReplayChecksToCatchUp { get; set; } = 2;

    /// <summary>When set, the API server rejects the recovery cluster's promotion patch with this error (nothing changes).</summary>
    public string? RejectPromotion { get; set; }

    /// <summary>The promotion is accepted but the cluster never reports a primary.</summary>
    public bool PromotionStalls { get; set; }

    /// <summary>The database system identifier the replica reports (the token's unless a test says otherwise).</summary>
    public string RecoverySystemId { get; set; } = "7611448666720448538";

    /// <summary>The timeline of the replica's latest restartpoint (the token's is 1).</summary>
    public int ReplicaTimeline { get; set; } = 1;

    /// <summary>The promotion token each cluster's spec holds now (a merge patch that does not name it keeps it).</summary>
    public string? SpecToken(string cluster) => _specTokens.GetValueOrDefault(cluster);

    /// <summary>What <c>now() - pg_last_xact_replay_timestamp()</c> reads in a replica cluster, in seconds.</summary>
    public string ReplayLagSeconds { get; set; } = "2.5";

    /// <summary>The API server does not answer a promotion patch (the answer is lost, not the change).</summary>
    public bool LosePromotionAnswer { get; set; }

    /// <summary>The recovery cluster's API server does not answer (a failback whose recovery side is lost).</summary>
    public bool RecoveryDown { get; set; }

    /// <summary>The primary cluster's CNPG webhook cannot be called (operator down): every patch of a Cluster there is
    /// rejected the way the API server rejects it under <c>failurePolicy: Fail</c>.</summary>
    public bool PrimaryWebhookDown { get; set; }

    /// <summary>The primary cluster's operator does not act: a demotion patch is accepted, and the instance stays primary.</summary>
    public bool PrimaryOperatorStuck { get; set; }

    /// <summary>The primary cluster demotes but never publishes a token.</summary>
    public bool PrimaryPublishesNoToken { get; set; }

    public const string WebhookUnreachable =
        "Error from server (InternalError): Internal error occurred: failed calling webhook \"vcluster.cnpg.io\": failed to call webhook: " +
        "Post \"https://cnpg-webhook-service.cnpg-system.svc:443/validate-postgresql-cnpg-io-v1-cluster?timeout=10s\": no endpoints available for service \"cnpg-webhook-service\"";

    private CloudCommandResult Patch(string cluster, string patch)
    {
        if (cluster == PrimaryCluster && PrimaryWebhookDown)
        {
            return new CloudCommandResult(1, string.Empty, WebhookUnreachable);
        }

        var replica = JsonDocument.Parse(patch).RootElement.GetProperty("spec").GetProperty("replica");
        var primary = replica.GetProperty("primary").GetString()!;
        var named = replica.TryGetProperty("promotionToken", out var t);
        var token = named ? t.GetString() : null;
        // A JSON merge patch keeps the keys it does not name; null deletes one.
        var kept = named ? token : _specTokens.GetValueOrDefault(cluster);
        if (primary != cluster && !string.IsNullOrEmpty(kept))
        {
            // CNPG's validating webhook (validatePromotionToken): a token on a replica cluster's spec is refused.
            return new CloudCommandResult(1, string.Empty,
                "Error from server (Forbidden): admission webhook \"vcluster.cnpg.io\" denied the request: spec.replica.promotionToken: promotionToken is only allowed for primary clusters");
        }

        if (string.IsNullOrEmpty(kept))
        {
            _specTokens.Remove(cluster);
        }
        else
        {
            _specTokens[cluster] = kept;
        }

        var previous = _spec[cluster];
        _spec[cluster] = primary;
        if (primary != cluster)
        {
            // Demotion: the cluster stops taking writes and publishes its token after a poll.
            if (!(cluster == PrimaryCluster && PrimaryOperatorStuck) && _primaries.Remove(cluster))
            {
                if (!(cluster == PrimaryCluster && PrimaryPublishesNoToken))
                {
                    _tokenPolls[cluster] = 1;
                }

                _replayed.Remove(Other(cluster));
                _replayChecks[Other(cluster)] = 0;
            }

            return Ok(string.Empty);
        }

        if (_primaries.Contains(cluster))
        {
            return Ok(string.Empty);
        }

        (cluster == RecoveryCluster ? RecoveryPromotions : PrimaryPromotions).Add((token, _replayed.Contains(cluster)));
        if (RejectPromotion is { } reason && cluster == RecoveryCluster)
        {
            _spec[cluster] = previous;
            return new CloudCommandResult(1, string.Empty, reason);
        }

        // With a token CNPG replays up to its location, then promotes; without one it promotes at once (a failover).
        if (token is not null)
        {
            _replayed.Add(cluster);
        }

        if (!PromotionStalls)
        {
            _primaries.Add(cluster);
        }

        return LosePromotionAnswer
            ? new CloudCommandResult(1, string.Empty, "Unable to connect to the server: net/http: TLS handshake timeout")
            : Ok(string.Empty);
    }

    private static string Other(string cluster) => cluster == PrimaryCluster ? RecoveryCluster : PrimaryCluster;

    private string TokenOf(string cluster) =>
        !_primaries.Contains(cluster) && _tokenPolls.TryGetValue(cluster, out var polls) && (_tokenPolls[cluster] = polls - 1) < 0 ? Token : string.Empty;

    /// <summary>The recovery cluster's <c>status.phase</c>.</summary>
    public string RecoveryPhase { get; set; } = "Cluster in healthy state";

    /// <summary>When set, the recovery cluster's ContinuousArchiving condition is False with this message.</summary>
    public string? RecoveryArchivingFailure { get; set; }

    private string ClusterJson(string cluster)
    {
        var pod = cluster + "-1";
        var recovery = cluster == RecoveryCluster;
        return JsonSerializer.Serialize(new
        {
            spec = new { replica = new { primary = _spec[cluster], source = Other(cluster) } },
            status = new
            {
                phase = recovery ? RecoveryPhase : "Cluster in healthy state",
                conditions = new object[]
                {
                    new { type = "Ready", status = "True", reason = "ClusterIsReady", message = "Cluster is Ready" },
                    recovery && RecoveryArchivingFailure is { } failure
                        ? new { type = "ContinuousArchiving", status = "False", reason = "ContinuousArchivingFailing", message = failure }
                        : new { type = "ContinuousArchiving", status = "True", reason = "ContinuousArchivingSuccess", message = "Continuous archiving is working" },
                },
                currentPrimary = pod,
                readyInstances = 3,
                instancesReportedState = new Dictionary<string, object> { [pod] = new { isPrimary = _primaries.Contains(cluster) } },
            },
        });
    }

    private string Sql(string pod, string sql)
    {
        var cluster = pod[..^2];
        if (sql.StartsWith("SELECT (SELECT system_identifier FROM pg_control_system())", StringComparison.Ordinal))
        {
            Assert.That(sql, Does.Contain($"'{TokenLsn}'::pg_lsn"), "the switchover compares replay with the demotion token's REDO location");
            if (!_primaries.Contains(Other(cluster)) && _replayChecks.TryGetValue(cluster, out var checks))
            {
                _replayChecks[cluster] = ++checks;
                if (checks > ReplayChecksToCatchUp)
                {
                    _replayed.Add(cluster);
                }
            }

            return $"{RecoverySystemId}|{ReplicaTimeline}|{(_replayed.Contains(cluster) ? "t" : "f")}";
        }

        return sql == "SELECT pg_is_in_recovery()"
            ? (_primaries.Contains(cluster) ? "f" : "t")
            : ReplayLagSeconds;
    }

    // Redis
    public bool MasterPaused { get; private set; }

    public long MasterOffset { get; set; } = 1000;

    public long ReplicaOffset { get; set; } = 990;

    public string RecoveryRedisRole { get; set; } = "slave";

    public int RecoverySentinels { get; set; }

    /// <summary>Sentinels running in the primary cluster (5 until a fence stops them).</summary>
    public int PrimarySentinels { get; private set; } = 5;

    /// <summary>The replication stream the old master writes and the one the recovery replica follows.</summary>
    public string MasterReplId { get; set; } = "8c2e1d0f6b7a4c3e9d8f7a6b5c4d3e2f1a0b9c8d";

    public string ReplicaReplId { get; set; } = "8c2e1d0f6b7a4c3e9d8f7a6b5c4d3e2f1a0b9c8d";

    public int RedisPromotions { get; private set; }

    /// <summary>The recovery replica's offset when REPLICAOF NO ONE came.</summary>
    public long? OffsetAtRedisPromotion { get; private set; }

    /// <summary>Ready inference pods in the primary cluster, which serves before a failover and after a failback.</summary>
    public int PrimaryInferenceReady { get; set; } = 2;

    // GPU inference
    public int InferenceDesired { get; private set; }

    public int InferenceReady { get; private set; }

    public int Placeholders { get; private set; } = 2;

    /// <summary>Deployment reads after a scale before the model is loaded and pods are ready.</summary>
    public int ReadsToReady { get; set; } = 2;

    private CloudCommandResult Redis(string context, string pod, string[] command)
    {
        Assert.That((context, pod), Is.EqualTo((RecoveryContext, "session-cache-us-west-2-redis-0")), "Redis is promoted and read in the recovery cluster only");
        switch (command)
        {
            case ["INFO", "replication"]:
                // Replication goes on while writes are paused, so the replica reaches the master's offset.
                ReplicaOffset = MasterPaused ? Math.Min(MasterOffset, ReplicaOffset + 5) : ReplicaOffset;
                return Ok(RecoveryRedisRole == "master"
                    ? "# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_repl_offset:990\r\n"
                    : $"# Replication\r\nrole:slave\r\nmaster_host:session-cache.use1.assistant.example.com\r\nmaster_port:6379\r\nmaster_replid:{ReplicaReplId}\r\n" +
                      $"master_link_status:{(PrimaryDown ? "down" : "up")}\r\nmaster_last_io_seconds_ago:{(PrimaryDown ? -1 : 1)}\r\n" +
                      (PrimaryDown ? "master_link_down_since_seconds:30\r\n" : string.Empty) + $"slave_repl_offset:{ReplicaOffset}\r\n");
            case ["ROLE"]:
                return Ok(RecoveryRedisRole == "master" ? "master\n990\n" : "slave\nsession-cache.use1.assistant.example.com\n6379\nconnected\n990\n");
            case ["REPLICAOF", "NO", "ONE"]:
                RedisPromotions += RecoveryRedisRole == "master" ? 0 : 1;
                OffsetAtRedisPromotion ??= ReplicaOffset;
                RecoveryRedisRole = "master";
                return Ok("OK\n");
            default:
                return new CloudCommandResult(1, string.Empty, $"unexpected redis-cli {string.Join(' ', command)}");
        }
    }

    /// <summary>Ordinals of the primary cluster's Redis pods whose container is not running (restarting, crash-looping).</summary>
    public HashSet<int> PrimaryRedisPodsDown { get; } = [];

    /// <summary>redis-cli in the primary cluster's pods cannot reach the master (it exits 1).</summary>
    public bool PrimaryRedisCliFails { get; set; }

    /// <summary>The primary Redis pods a fence call was run from, in order.</summary>
    public List<string> PrimaryJumpPods { get; } = [];

    /// <summary>redis-cli -h master run inside one of the primary cluster's Redis pods (the fence's jump host).</summary>
    private CloudCommandResult OnPrimaryMaster(string pod, string[] command)
    {
        Assert.That(pod, Does.Match("^session-cache-us-east-1-redis-[0-2]$"), "the fence reaches the master through one of the primary cluster's three Redis pods");
        PrimaryJumpPods.Add(pod);
        if (PrimaryRedisPodsDown.Contains(pod[^1] - '0'))
        {
            // What the kubelet answers, through the API server, for a container that is not running.
            return new CloudCommandResult(1, string.Empty, "error: unable to upgrade connection: container not found (\"redis\")");
        }

        return PrimaryRedisCliFails
            ? new CloudCommandResult(1, $"Could not connect to Redis at {RedisMaster}:6379: Connection refused\n", "command terminated with exit code 1")
            : Sentinel(PrimaryContext, command, throughRedisPod: true);
    }

    private CloudCommandResult Sentinel(string context, string[] command, bool throughRedisPod = false)
    {
        Assert.That(context, Is.EqualTo(PrimaryContext), "only the fence asks the primary cluster's Sentinels");
        if (PrimarySentinels == 0 && !throughRedisPod)
        {
            // kubectl exec deployment/... needs a running pod of that Deployment.
            return new CloudCommandResult(1, string.Empty, "error: no pods found for statefulset session-cache-us-east-1-sentinel");
        }

        switch (command)
        {
            case ["-p", "26379", "SENTINEL", "get-master-addr-by-name", "session-cache-us-east-1"]:
                return Ok($"{RedisMaster}\n6379\n");
            case ["-h", RedisMaster, "-p", "6379", "CLIENT", "PAUSE", _, "WRITE"]:
                MasterPaused = true;
                return Ok("OK\n");
            case ["-h", RedisMaster, "-p", "6379", "CLIENT", "UNPAUSE"]:
                MasterPaused = false;
                return Ok("OK\n");
            case ["-h", RedisMaster, "-p", "6379", "INFO", "replication"]:
                return Ok($"# Replication\r\nrole:master\r\nconnected_slaves:3\r\nmaster_replid:{MasterReplId}\r\nmaster_repl_offset:{MasterOffset}\r\n");
            default:
                return new CloudCommandResult(1, string.Empty, $"unexpected sentinel call {string.Join(' ', command)}");
        }
    }

    private string DeploymentJson(string deployment)
    {
        if (deployment == "gpu-us-west-2-inference" && InferenceReady < InferenceDesired && ++_inferenceReadyPolls >= ReadsToReady)
        {
            InferenceReady = InferenceDesired;
            Placeholders = Math.Max(0, 2 - InferenceReady); // preempted by the inference pods that took their GPUs
        }

        var ready = deployment switch
        {
            "gpu-us-east-1-inference" => PrimaryInferenceReady,
            "gpu-us-west-2-inference" => InferenceReady,
            "gpu-us-west-2-placeholder" => Placeholders,
            _ => throw new AssertionException($"unexpected deployment {deployment}"),
        };
        return JsonSerializer.Serialize(new { status = new { readyReplicas = ready } });
    }

    private CloudCommandResult Scale(string deployment, int replicas)
    {
        switch (deployment)
        {
            case "deployment/gpu-us-west-2-inference":
                InferenceDesired = replicas;
                _inferenceReadyPolls = 0;
                if (replicas < InferenceReady)
                {
                    // Scaled down: the pods go at once and the placeholders are scheduled on the GPUs they free.
                    InferenceReady = replicas;
                    Placeholders = 2 - replicas;
                }

                return Ok("deployment.apps/gpu-us-west-2-inference scaled\n");
            case "deployment/gpu-us-east-1-inference":
                PrimaryInferenceReady = replicas;
                return Ok("deployment.apps/gpu-us-east-1-inference scaled\n");
            case "statefulset/session-cache-us-east-1-sentinel":
                PrimarySentinels = replicas;
                return Ok("statefulset.apps/session-cache-us-east-1-sentinel scaled\n");
            case "statefulset/session-cache-us-west-2-sentinel":
                RecoverySentinels = replicas;
                return Ok("statefulset.apps/session-cache-us-west-2-sentinel scaled\n");
            default:
                return new CloudCommandResult(1, string.Empty, $"unexpected scale {deployment}");
        }
    }
}
