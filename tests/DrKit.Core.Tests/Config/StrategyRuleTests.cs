namespace DrKit.Core.Tests.Config;

public sealed class StrategyRuleTests
{
    [Test]
    public void ActiveActivePostgres_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: active-active"), "us-west-2"));
        problems.At("drkit:components.c.strategy", "active-active cannot apply to postgres: PostgreSQL has one writable primary");
    }

    [Test]
    public void ActiveActiveRedis_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: redis", "strategy: active-active"), "us-west-2"));
        problems.At("drkit:components.c.strategy", "active-active cannot apply to redis");
    }

    [TestCase("pilot-light")]
    [TestCase("warm-standby")]
    [TestCase("active-active")]
    public void ReplicatingStrategyWithoutRecoveryRegion_IsRejected(string strategy)
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: model-artifacts", $"strategy: {strategy}")));
        problems.At("drkit:components.c.strategy", $"{strategy} needs a recovery region: set drkit:recoveryRegions");
    }

    [Test]
    public void SyncReplicationOnRds_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: warm-standby", "engine: rds", "replication: sync"), "us-west-2"));
        problems.At("drkit:components.c.replication", "RDS cross-region read replicas are asynchronous");
    }

    [Test]
    public void ReplicationOnBackupRestore_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: backup-restore", "replication: async"), "us-west-2"));
        problems.At("drkit:components.c.replication", "backup-restore keeps no replica");
    }

    [Test]
    public void NoReplicationOnPilotLight_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "replication: none"), "us-west-2"));
        problems.At("drkit:components.c.replication", "pilot-light keeps a cross-region replica; expected async or sync, got 'none'");
    }

    [Test]
    public void ZeroArchiveTimeout_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: postgres", "strategy: pilot-light", "archiveTimeout: 0"), "us-west-2"));
        problems.At("drkit:components.c.archiveTimeout", "0 turns WAL archiving's time bound off");
    }

    [Test]
    public void ReplicatedVectorIndexOnBackupRestore_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: vector-index", "strategy: backup-restore", "recovery: replicated"), "us-west-2"));
        problems.At("drkit:components.c.recovery", "a replicated index is a running replica, which backup-restore does not keep");
    }

    [Test]
    public void ReservedGpuOnBackupRestore_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: gpu-capacity", "strategy: backup-restore", "instanceType: g5.xlarge", "reserved: true"), "us-west-2"));
        problems.At("drkit:components.c.reserved", "backup-restore reserves nothing");
    }

    [Test]
    public void RunningGpusOnPilotLight_AreRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.xlarge", "count: 2", "standbyRunning: 1"), "us-west-2"));
        problems.At("drkit:components.c.standbyRunning", "pilot-light runs no recovery capacity");
    }

    [Test]
    public void GpuZoneOutsideItsRegion_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: gpu-capacity", "strategy: pilot-light", "instanceType: g5.xlarge", "availabilityZones:", "  us-west-2: us-east-1a"), "us-west-2"));
        problems.At("drkit:components.c.availabilityZones", "'us-east-1a' is not an availability zone of us-west-2");
    }

    [Test]
    public void EndpointInARegionTheStackDoesNotUse_IsRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: inference-endpoint", "strategy: pilot-light", "endpoints:", "  eu-west-1: api.example.com"), "us-west-2"));
        problems.At("drkit:components.c.endpoints", "names region 'eu-west-1', which is not one of this stack's regions (us-east-1, us-west-2)");
    }

    [Test]
    public void ContainerImagesWithoutRepositories_AreRejected()
    {
        var problems = TestStacks.Problems(TestStacks.Yaml(TestStacks.Component("kind: container-images", "strategy: backup-restore")));
        problems.At("drkit:components.c.repositories", "missing; expected the list of ECR repository names");
    }
}
