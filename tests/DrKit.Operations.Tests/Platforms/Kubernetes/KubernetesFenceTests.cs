using DrKit.Failover;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Kubernetes;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// The fence on Kubernetes tells a refusal from silence, leaves nothing that blocks the next switch, and holds:
/// a reachable cluster that refuses stops the run (else two writers), a spent promotion token is deleted, the old
/// region's Sentinels are stopped, and WAL positions or replication offsets are compared only within one history.
/// </summary>
public sealed class KubernetesFenceTests
{
    private const string Forbidden =
        "Error from server (Forbidden): clusters.postgresql.cnpg.io \"context-store-us-east-1\" is forbidden: User \"dr-operator\" cannot patch resource \"clusters\" in API group \"postgresql.cnpg.io\" in the namespace \"rag-assistant\"";

    [Test]
    public async Task Failover_PrimaryClusterRefusesTheFence_StopsWithoutPromotingAnything()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.RefusePrimary = Forbidden;

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "a cluster that answers is up: its refusal is no outage to fail over from");
            Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "no promotion without a token while the primary cluster still writes (two writers)");
            Assert.That(harness.Kube.RecoveryRedisRole, Is.EqualTo("slave"), "the recovery Redis stays a replica of the unpaused master");
            Assert.That(harness.Aws.Controls[PilotLightProgram.Primary], Is.EqualTo("On"), "traffic does not move");
            Assert.That(result.Summary, Does.Contain("fence REFUSED").And.Contain("Forbidden"), "the operator reads why, with the API server's words");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.context-store").WithValue("false"),
                "the recorded fence intent is undone, so the next deployment does not demote a primary nobody failed over from");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fence.session-cache").WithValue("false"), "likewise for Redis");
        });
    }

    [Test]
    public async Task Failover_RefusalEvenWhenForced_IsNotOverridden()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.RefusePrimary = Forbidden;

        var result = await harness.RunAsync(new FailoverSettings { OperationId = "forced", Force = true, ForceReason = "drill" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "force accepts data loss, never two writers");
            Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "nothing was promoted");
        });
    }

    [Test]
    public async Task Failover_Switchover_PausesTheMasterAndStopsThePrimaryRegionsSentinels()
    {
        var harness = new KubernetesFailoverHarness();

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.MasterPaused, Is.True, "the old master's writes stay paused");
            Assert.That(harness.Kube.PrimarySentinels, Is.Zero,
                "its Sentinels are stopped, so a restart of the paused master cannot hand writes to a replica that was never paused");
            Assert.That(harness.Recorded, Does.ContainKey("drkit-ops:fencedMaster.session-cache").WithValue(string.Empty), "the master's record is spent after promotion");
        });
    }

    [Test]
    public async Task Failover_RolledBack_ResumesWritesAndRestartsThePrimarySentinels()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.RejectPromotion = "Error from server (Forbidden): admission webhook \"vcluster.cnpg.io\" denied the request: invalid promotion token";

        var result = await harness.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(OperationOutcome.RolledBack), result.Summary);
            Assert.That(harness.Kube.MasterPaused, Is.False, "the old master takes writes again");
            Assert.That(harness.Kube.PrimarySentinels, Is.EqualTo(5), "and its Sentinels watch it again");
        });
    }

    [Test]
    public async Task Failover_AfterAFailback_DemotesTheClusterThatHeldTheLastToken()
    {
        var harness = new KubernetesFailoverHarness();
        var topology = harness.WithoutRedis;
        Assert.That((await harness.RunAsync(topology: topology)).Outcome, Is.EqualTo(OperationOutcome.Succeeded), "first switchover");
        Assert.That((await harness.FailbackAsync(topology)).Outcome, Is.EqualTo(OperationOutcome.Succeeded), "failback");
        Assert.That(harness.Kube.SpecToken(FakeKube.PrimaryCluster), Is.EqualTo(FakeKube.Token), "the failback promoted the primary cluster with a token");

        var again = await harness.RunAsync(new FailoverSettings { OperationId = "second" }, topology: topology);

        Assert.Multiple(() =>
        {
            Assert.That(again.Outcome, Is.EqualTo(OperationOutcome.Succeeded),
                $"CNPG refuses a replica spec that keeps a promotion token; the demotion deletes it ({again.Summary})");
            Assert.That(harness.Kube.RecoveryPromotions.Select(p => p.Token), Is.EqualTo(new[] { FakeKube.Token, FakeKube.Token }),
                "both switchovers promoted with a token: no loss, no second writer");
            Assert.That(harness.Kube.SpecToken(FakeKube.PrimaryCluster), Is.Null, "the demoted primary keeps no token");
        });
    }

    [Test]
    public async Task Failover_ReplicaOfAnotherDatabaseSystem_IsNotPromotedWithTheToken()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.RecoverySystemId = "7611448666720449999";

        var result = await harness.RunAsync(topology: harness.WithoutRedis);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), result.Summary);
            Assert.That(harness.Kube.RecoveryPromotions, Is.Empty, "a WAL location of another system says nothing about what this replica holds");
            Assert.That(result.Summary, Does.Contain("is not a copy of").And.Contain("7611448666720449999"), "the reason names both identifiers' owner");
        });
    }

    [Test]
    public async Task Failover_RedisReplicaFollowingAnotherStream_NeverReadsItsOffsetAsCaughtUp()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.ReplicaReplId = "0000000000000000000000000000000000000000";
        harness.Kube.ReplicaOffset = 5000;

        var result = await harness.RunAsync(new FailoverSettings
        {
            OperationId = "other-stream", Timeouts = FailoverSettings.CloudTimeouts with { Promote = TimeSpan.FromMinutes(2) },
        });

        Assert.Multiple(() =>
        {
            Assert.That(harness.Kube.OffsetAtRedisPromotion, Is.Null,
                "offset 5000 is past the paused master's 1000 but counts bytes of another stream: no switchover on it");
            Assert.That(result.Outcome, Is.Not.EqualTo(OperationOutcome.Succeeded), "the switchover waits for a lag it can read, within its bound");
            Assert.That(harness.Kube.RecoveryRedisRole, Is.EqualTo("slave"), result.Summary);
        });
    }

    [Test]
    public void Failover_MissingPermissionInTheRecoveryCluster_IsRefusedBeforeAnyChange()
    {
        var harness = new KubernetesFailoverHarness();
        harness.Kube.DeniedInRecovery.Add("create pods/exec");

        var error = Assert.ThrowsAsync<OperationRefusedException>(() => harness.RunAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("create pods/exec").And.Contain("eks-rag-usw2").And.Contain("Nothing was changed"), "the message names what to grant, and where");
            Assert.That(harness.World.Changes, Is.Empty, "nothing was recorded");
            Assert.That(harness.Kube.CallsTo(FakeKube.PrimaryContext), Is.Empty, "nor the primary cluster called");
            Assert.That(harness.Kube.PermissionChecks, Has.All.StartsWith(FakeKube.RecoveryContext), "permissions are asked of the recovery cluster only");
        });
    }

    [TestCase("Error from server (Forbidden): pods \"x\" is forbidden", true)]
    [TestCase("Error from server (NotFound): clusters.postgresql.cnpg.io \"x\" not found", true)]
    [TestCase("Error from server (Invalid): Cluster.postgresql.cnpg.io \"x\" is invalid", true)]
    [TestCase("Error from server: admission webhook \"vcluster.cnpg.io\" denied the request: no", true)]
    [TestCase("Unable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout", false)]
    [TestCase("Error from server (InternalError): an error on the server (\"\") has prevented the request from succeeding", false)]
    [TestCase("Error from server (ServiceUnavailable): the server is currently unable to handle the request", false)]
    [TestCase("error: You must be logged in to the server (Unauthorized)", false)]
    [TestCase("command terminated with exit code 1", false)]
    public void Refused_TellsAnAnswerFromSilence(string stderr, bool refused) =>
        Assert.That(Kubectl.Refused(stderr), Is.EqualTo(refused),
            "a 4xx answer or a webhook denial proves the API server is up; a connection error, a 5xx or an expired cloud identity may be the outage itself");

    [Test]
    public void ReadToken_GivesTheFactsCnpgChecks()
    {
        var facts = CnpgCalls.ReadToken(FakeKube.Token);

        Assert.That(facts, Is.EqualTo(new DemotionTokenFacts(FakeKube.TokenLsn, 1, "7611448666720448538")), "location, timeline and system identifier");
    }

    [TestCase("7611448666720448538|1|t", "7611448666720448538", 1, true)]
    [TestCase("7611448666720448538|2|f\n", "7611448666720448538", 2, false)]
    public void ParseReplayCheck_ReadsTheOneLine(string output, string system, int timeline, bool replayed) =>
        Assert.That(CnpgCalls.ParseReplayCheck(output), Is.EqualTo(new ReplayCheck(system, timeline, replayed)));

    [TestCase("t")]
    [TestCase("")]
    [TestCase("123|one|t")]
    public void ParseReplayCheck_AnythingElse_IsNoReading(string output) =>
        Assert.That(CnpgCalls.ParseReplayCheck(output), Is.Null, "only the query's own line is a reading");
}
