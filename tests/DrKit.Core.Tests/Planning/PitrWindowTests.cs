using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Planning;

/// <summary>The declared PITR window travels with the plan so policy can hold retention against it.</summary>
public sealed class PitrWindowTests
{
    private static PostgresSettings Postgres(string pitr) =>
        (PostgresSettings)TestStacks.Two("kind: postgres", "tier: production", "strategy: pilot-light", $"pitrWindow: {pitr}").Settings;

    [Test]
    public void PitrWindow_IsCarriedUnclampedNextToTheClampedRetention()
    {
        var settings = Postgres("40d");
        Assert.Multiple(() =>
        {
            Assert.That(settings.PitrWindowDays, Is.EqualTo(40), "the declared window must survive even where RDS cannot keep it");
            Assert.That(settings.BackupRetentionDays, Is.EqualTo(35), "RDS keeps automated backups at most 35 days");
        });
    }

    [Test]
    public void PitrWindow_RoundsPartialDaysUp()
    {
        Assert.That(Postgres("36h").PitrWindowDays, Is.EqualTo(2), "a window of a day and a half needs two days of retention");
    }

    [Test]
    public void PitrWindow_SurvivesThePlanJsonRoundTrip()
    {
        var plan = TestStacks.Plan(TestStacks.Yaml(TestStacks.Component("kind: postgres", "tier: production", "strategy: pilot-light", "pitrWindow: 30d"), "us-west-2"));
        var back = (PostgresSettings)PlanJson.Deserialize(PlanJson.Serialize(plan)).Components.Single().Settings;
        Assert.That(back.PitrWindowDays, Is.EqualTo(30), "drkit plan --format json feeds other tools; the window must not be lost");
    }
}
