using System.Text.Json.Nodes;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Kubernetes;

namespace DrKit.Core.Tests.Platforms.Kubernetes;

/// <summary>The verdict on a CNPG replica cluster's status, and where the writer's base backups must be found.</summary>
public sealed class CnpgReadinessTests
{
    private static DrPlan Plan => Planner.PlanFile(RepoPaths.Stack("k8s-pilot-light"));

    [Test]
    public void Problems_HealthyWithArchivingWorking_IsEmpty()
    {
        var status = JsonNode.Parse("""{"phase":"Cluster in healthy state","conditions":[{"type":"Ready","status":"True"},{"type":"ContinuousArchiving","status":"True"},{"type":"LastBackupSucceeded","status":"False"}]}""");

        Assert.That(CnpgReadiness.Problems("c", status), Is.Empty, "only Ready and ContinuousArchiving decide");
    }

    [Test]
    public void Problems_ArchivingFailingOrNotHealthy_NamesEach()
    {
        var status = JsonNode.Parse("""{"phase":"Setting up primary","phaseReason":"Creating primary instance","conditions":[{"type":"ContinuousArchiving","status":"False","reason":"ContinuousArchivingFailing","message":"exit status 4"}]}""");

        var problems = CnpgReadiness.Problems("context-store-us-west-2", status);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Some.Contains("phase 'Setting up primary' (Creating primary instance)"), "the phase and CNPG's reason");
            Assert.That(problems, Has.Some.Contains("ContinuousArchiving is False: ContinuousArchivingFailing exit status 4"), "the failing condition with its message");
            Assert.That(CnpgReadiness.Problems("c", null), Has.One.Contains("no status"), "an unreconciled cluster is not healthy");
        });
    }

    [Test]
    public void BaseBackupStores_FollowTheWriterAndItsIncarnation()
    {
        var planned = CnpgReadiness.BaseBackupStores(Plan, OperationsState.None).Single();
        var failedOver = OperationsState.None with
        {
            Promote = new Dictionary<string, bool>(StringComparer.Ordinal) { ["context-store"] = true },
            ArchiveGenerations = new Dictionary<string, int>(StringComparer.Ordinal) { ["context-store.us-west-2"] = 2 },
        };
        var promoted = CnpgReadiness.BaseBackupStores(Plan, failedOver).Single();

        Assert.Multiple(() =>
        {
            Assert.That((planned.Region, planned.Bucket, planned.Prefix), Is.EqualTo(("us-west-2", "rag-wal-usw2", "context-store/context-store-us-east-1/base/")),
                "the primary's backups, in the recovery store the replica bootstraps from");
            Assert.That(planned.Allowed, Is.EqualTo(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(15)), "the backup interval plus the copy allowance");
            Assert.That((promoted.Region, promoted.Bucket, promoted.Prefix), Is.EqualTo(("us-east-1", "rag-wal-use1", "context-store/context-store-us-west-2-g2/base/")),
                "after a failover: the new writer's current incarnation, in the old region's store a rebuild restores from");
        });
    }
}
