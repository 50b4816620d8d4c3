using DrKit.Core.Config;
using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

/// <summary>Decisions the Pulumi shell needs, made by the planner so the components only declare them.</summary>
public sealed class ShellDecisionsTests
{
    private static DrPlan Plan(string components, string? traffic = null)
    {
        var raw = new Dictionary<string, string>
        {
            ["drkit:service"] = "svc",
            ["drkit:primaryRegion"] = "us-east-1",
            ["drkit:recoveryRegions"] = "[\"us-west-2\"]",
            ["drkit:components"] = components,
        };
        if (traffic is not null)
        {
            raw["drkit:traffic"] = traffic;
        }

        return Planner.Plan(StackSpecReader.Read("test", PulumiConfigValues.FromRaw("pulumi config (stack test)", raw)));
    }

    private static PostgresSettings Postgres(DrPlan plan) => (PostgresSettings)plan.Component("db")!.Settings;

    [Test]
    public void PilotLight_PostgresReplicaIsTheSameFamilyAtLarge()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"pilot-light","instanceClass":"db.r6g.4xlarge"}}""");
        Assert.That(Postgres(plan).ReplicaInstanceClass, Is.EqualTo("db.r6g.large"), "a pilot-light replica only keeps up with replication until it is resized at failover");
    }

    [Test]
    public void WarmStandby_PostgresReplicaMatchesThePrimary()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","instanceClass":"db.r6g.4xlarge"}}""");
        Assert.That(Postgres(plan).ReplicaInstanceClass, Is.EqualTo("db.r6g.4xlarge"), "a warm standby takes production load as soon as it is promoted");
    }

    [TestCase("db.t4g.medium", "db.t4g.medium")]
    [TestCase("db.r6g.large", "db.r6g.large")]
    [TestCase("db.r6g.xlarge", "db.r6g.large")]
    [TestCase("db.x2g.16xlarge", "db.x2g.large")]
    public void PilotLightClass_NeverGrowsTheInstance(string primary, string expected) =>
        Assert.That(DrKit.Core.Estimation.Estimator.PilotLightClass(primary), Is.EqualTo(expected), $"pilot-light class of {primary}");

    [Test]
    public void WalShipperPrincipal_IsCarriedIntoTheSettings()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"pilot-light","walShipperPrincipal":"arn:aws:iam::123456789012:role/wal-g"}}""");
        Assert.That(Postgres(plan).WalShipperPrincipal, Is.EqualTo("arn:aws:iam::123456789012:role/wal-g"), "the configured principal must reach the role's trust policy");
    }

    [Test]
    public void WalShipperPrincipal_DefaultsToNullMeaningTheAccountRoot()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"pilot-light"}}""");
        Assert.That(Postgres(plan).WalShipperPrincipal, Is.Null, "without config the shell trusts the deploying account's root");
    }

    [Test]
    public void WalShipperPrincipal_ThatIsNotAnArn_IsRejected()
    {
        var ex = Assert.Throws<StackConfigException>(() => Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"pilot-light","walShipperPrincipal":"wal-g"}}"""));
        Assert.That(ex!.Problems.Select(p => p.KeyPath), Does.Contain("drkit:components.db.walShipperPrincipal"), "the problem names the key");
    }

    [Test]
    public void SelfManagedHosts_AreCarriedWithThePgdgLayoutByDefault()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","engine":"self-managed","engineVersion":"16","hosts":{"us-east-1":"i-01","us-west-2":"i-02"}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(Postgres(plan).Hosts, Is.EquivalentTo(new Dictionary<string, string> { ["us-east-1"] = "i-01", ["us-west-2"] = "i-02" }), "failover reaches each server through SSM by these ids");
            Assert.That(Postgres(plan).BinDirectory, Is.EqualTo("/usr/lib/postgresql/16/bin"), "pg_ctl lives outside PATH in the PGDG packages");
            Assert.That(Postgres(plan).DataDirectory, Is.EqualTo("/var/lib/postgresql/16/main"), "the PGDG default cluster");
            Assert.That(Postgres(plan).StartCommand, Is.EqualTo("pg_ctlcluster 16 main start"),
                "on the Debian layout postgresql.conf is in /etc/postgresql: pg_ctl start -D on the data directory cannot start it");
            Assert.That(Postgres(plan).StopCommand, Is.EqualTo("pg_ctlcluster -m fast 16 main stop"), "a fast, clean shutdown through the packages' own wrapper");
        });
    }

    [Test]
    public void SelfManagedStartStop_Declared_ReplaceTheDebianDefaults()
    {
        var plan = Plan("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","engine":"self-managed","engineVersion":"16","stopCommand":"systemctl stop postgresql-16","startCommand":"systemctl start postgresql-16"}}""");
        Assert.That((Postgres(plan).StopCommand, Postgres(plan).StartCommand), Is.EqualTo(("systemctl stop postgresql-16", "systemctl start postgresql-16")),
            "a RHEL host is managed by its own unit");
    }

    [TestCase("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","hosts":{"us-east-1":"i-01"}}}""", TestName = "SelfManagedHosts_OnRds_AreRejected")]
    [TestCase("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","engine":"self-managed","hosts":{"eu-west-1":"i-01"}}}""", TestName = "SelfManagedHosts_InAnotherRegion_AreRejected")]
    [TestCase("""{"db":{"kind":"postgres","tier":"production","strategy":"warm-standby","engine":"self-managed","hosts":{"us-east-1":"db1.internal"}}}""", TestName = "SelfManagedHosts_NotAnInstanceId_AreRejected")]
    public void SelfManagedHosts_BadInput_IsRejectedNamingTheKey(string components)
    {
        var ex = Assert.Throws<StackConfigException>(() => Plan(components));
        Assert.That(ex!.Problems.Select(p => p.KeyPath), Does.Contain("drkit:components.db.hosts"), "the problem names the key");
    }

    [Test]
    public void Weights_ActiveActiveEndpoint_SplitsEvenly()
    {
        var plan = Plan("""{"api":{"kind":"inference-endpoint","tier":"critical","strategy":"active-active"}}""", """{"routing":"weighted"}""");
        Assert.That(plan.Traffic.Weights, Is.EquivalentTo(new Dictionary<string, int> { ["us-east-1"] = 100, ["us-west-2"] = 100 }), "every region serves under active-active");
    }

    [Test]
    public void Weights_PilotLightEndpoint_SendsEverythingToThePrimary()
    {
        var plan = Plan("""{"api":{"kind":"inference-endpoint","tier":"production","strategy":"pilot-light"}}""", """{"routing":"weighted"}""");
        Assert.That(plan.Traffic.Weights, Is.EquivalentTo(new Dictionary<string, int> { ["us-east-1"] = 100, ["us-west-2"] = 0 }), "a recovery region with nothing running must only get traffic when the primary is unhealthy");
    }

    [Test]
    public void ObjectLock_UsesComplianceMode()
    {
        var plan = Plan("""{"artifacts":{"kind":"model-artifacts","tier":"production","strategy":"pilot-light","objectLock":true}}""");
        var bucket = (BucketSettings)plan.Component("artifacts")!.Settings;
        Assert.That(bucket.ObjectLockMode, Is.EqualTo("COMPLIANCE"), "immutable backups must not be shortenable by any principal");
    }

    [Test]
    public void PlanJson_RoundTripsTheShellDecisions()
    {
        var plan = Plan(
            """{"db":{"kind":"postgres","tier":"production","strategy":"pilot-light","instanceClass":"db.r6g.2xlarge","walShipperPrincipal":"arn:aws:iam::123456789012:role/wal-g"},"api":{"kind":"inference-endpoint","tier":"production","strategy":"pilot-light"}}""",
            """{"routing":"weighted"}""");
        var back = PlanJson.Deserialize(PlanJson.Serialize(plan));
        Assert.Multiple(() =>
        {
            Assert.That(Postgres(back).ReplicaInstanceClass, Is.EqualTo("db.r6g.large"), "replica class survives JSON");
            Assert.That(Postgres(back).WalShipperPrincipal, Is.EqualTo("arn:aws:iam::123456789012:role/wal-g"), "principal survives JSON");
            Assert.That(back.Traffic.Weights["us-west-2"], Is.EqualTo(0), "weights survive JSON");
        });
    }
}
