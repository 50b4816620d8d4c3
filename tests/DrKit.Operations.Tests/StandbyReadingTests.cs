using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Tests;

/// <summary>The self-managed standby's lag from WAL positions: bytes against the primary's flushed WAL when it answers,
/// an upper bound labelled as such from the standby alone, and the sync mode from the server.</summary>
public sealed class StandbyReadingTests
{
    private const string Standby = "t|0/3000000|0/3000100|42|0.2|0/3000100|drkit_standby";

    [Test]
    public void Lag_PrimaryFlushedNothingMore_IsZero()
    {
        var reading = StandbyReading.Parse($"{Standby}\nprimary\n7301234567890123456|1|0/3000100|\n#in_hot_standby\noff\n#synchronous_standby_names\nANY 1 (drkit_standby)\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading.BytesBehind, Is.EqualTo(0UL), "the standby received every byte the primary had flushed");
            Assert.That(reading.Lag(null), Is.EqualTo(TimeSpan.Zero), "nothing a promotion could lose");
            Assert.That(reading.Describe(null), Does.Contain("named in the primary's synchronous_standby_names 'ANY 1 (drkit_standby)' as drkit_standby"),
                "the sync role comes from the server's setting");
        });
    }

    [Test]
    public void Lag_PrimaryAheadWhileKeepalivesAreFresh_IsTheReplayAgeNotTheMessageAge()
    {
        var reading = StandbyReading.Parse($"{Standby}\nprimary\n7301234567890123456|1|1/3000100|\n#in_hot_standby\noff\n#synchronous_standby_names\n\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading.BytesBehind, Is.EqualTo(1UL << 32), "the primary is 4 GiB ahead");
            Assert.That(reading.Lag(null), Is.EqualTo(TimeSpan.FromSeconds(42)), "the missing commits all came after the last replayed one, 42 s ago; the 0.2 s message age says nothing of them");
            Assert.That(reading.Describe(null, configuredSync: true), Does.Contain("although the stack file says replication: sync"), "the configured mode is shown against the server's");
        });
    }

    [Test]
    public void Lag_PrimaryDidNotAnswer_IsAnUpperBoundFromTheStandbyAlone()
    {
        var reading = StandbyReading.Parse($"t|0/3000000|0/3000100|42||0/3000200|drkit_standby\nprimary-unreachable|psql: error: timeout expired\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading.BytesBehind, Is.Null, "without the primary the byte lag is unknown");
            Assert.That(reading.Lag(null), Is.EqualTo(TimeSpan.FromSeconds(42)), "at most the commits since the last replayed transaction");
            Assert.That(reading.Describe(null), Does.Contain("the primary did not answer (psql: error: timeout expired)").And.Contain("an upper bound")
                .And.Contain("256 bytes never received").And.Contain("256 bytes to replay at promotion, not lost"), "what the standby alone knows is labelled");
        });
    }

    [Test]
    public void Lag_UpstreamIsACascadingStandby_IsNotTakenForThePrimary()
    {
        var reading = StandbyReading.Parse($"{Standby}\nprimary\n7301234567890123456|1|0/3000100|\n#in_hot_standby\non\n#synchronous_standby_names\n\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading.BytesBehind, Is.Null, "a standby upstream's position is not the primary's");
            Assert.That(reading.Lag(null), Is.EqualTo(TimeSpan.FromSeconds(42)), "so the upper bound from the standby alone applies");
        });
    }

    [Test]
    public void Lag_StatusScriptOnly_HasNoPrimaryAndParsesEveryField()
    {
        var reading = StandbyReading.Parse(Standby + "\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading with { }, Is.EqualTo(new StandbyReading(true, 0x3000000, 0x3000100, 42, 0.2, 0x3000100, "drkit_standby")), "every field of the status line");
            Assert.That(reading.PrimaryUnread, Is.Null, "the status script does not ask the primary");
        });
    }

    [Test]
    public void Parse_OldFiveFieldLine_IsRefusedNamingTheFields()
    {
        Assert.That(() => StandbyReading.Parse("t|0/3000000|0/3000100|42|0.2"), Throws.TypeOf<FormatException>().With.Message.Contains("latest_end_lsn|standby_name"),
            "a line the script does not print is an unreadable standby, not a guess");
    }

    [TestCase("", new string[0])]
    [TestCase("ANY 1 (a, \"B c\")", new[] { "a", "B c" })]
    [TestCase("FIRST 2 (s1, s2, s3)", new[] { "s1", "s2", "s3" })]
    [TestCase("s1, s2", new[] { "s1", "s2" })]
    public void Names_SynchronousStandbyNames_ListsTheStandbys(string setting, string[] expected) =>
        Assert.That(PrimaryWalReading.Names(setting), Is.EqualTo(expected), "each form of synchronous_standby_names");

    [Test]
    public void Lag_Script_AsksThePrimaryOnlyOverTheStandbysReplicationConnection()
    {
        var script = string.Join("\n", PostgresHostScripts.Lag);

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("SHOW primary_conninfo").And.Contain("replication=true").And.Contain("IDENTIFY_SYSTEM").And.Contain("SHOW synchronous_standby_names"),
                "the primary's flush location and mode come over the connection the standby streams on");
            Assert.That(script, Does.Contain("\"$c connect_timeout=5 replication=true\""),
                "appended to the conninfo: a connect_timeout already in primary_conninfo would override PGCONNECT_TIMEOUT");
            Assert.That(script, Does.Contain("timeout 10 runuser -u postgres -- env LC_ALL=C psql \"$c"),
                "the query phase is bounded too: a primary that accepts the connection and stalls costs 10 s, not the SSM command's timeout");
            Assert.That(script, Does.Contain("*host=*|*hostaddr=*|*service=*)"), "a hostaddr= or service= conninfo names the primary too");
            Assert.That(script, Does.Contain("2>\"$e\"").And.Not.Contain("2>&1"), "stderr is kept apart from the data lines");
            Assert.That(script, Does.Contain("-c '\\echo #in_hot_standby' -c 'SHOW in_hot_standby' -c '\\echo #synchronous_standby_names' -c 'SHOW synchronous_standby_names'"),
                "each value follows its tag line");
            Assert.That(script.IndexOf("pg_last_wal_receive_lsn", StringComparison.Ordinal), Is.LessThan(script.IndexOf("IDENTIFY_SYSTEM", StringComparison.Ordinal)),
                "the standby is read first, so the byte lag can only be overstated");
        });
    }

    [Test]
    public void Parse_ServerWithoutInHotStandby_ReadsTheSyncNamesAfterTheirTag()
    {
        // Before PostgreSQL 14 'SHOW in_hot_standby' fails (its error went to stderr): its tag has no value line.
        var reading = StandbyReading.Parse($"{Standby}\nprimary\n7301234567890123456|1|0/3000100|\n#in_hot_standby\n#synchronous_standby_names\nANY 1 (drkit_standby)\n");

        Assert.Multiple(() =>
        {
            Assert.That(reading.Primary!.InHotStandby, Is.False, "no value: not taken as a cascading upstream");
            Assert.That(reading.Primary.SynchronousStandbyNames, Is.EqualTo("ANY 1 (drkit_standby)"), "the sync names are not shifted into in_hot_standby's place");
            Assert.That(reading.Lag(null), Is.EqualTo(TimeSpan.Zero), "the flush position is still read");
        });
    }

    [Test]
    public void Parse_ProbeTimedOutWithoutStderr_SaysSo()
    {
        var reading = StandbyReading.Parse($"{Standby}\nprimary-unreachable|no answer within 10 s\n");

        Assert.That(reading.PrimaryUnread, Is.EqualTo("no answer within 10 s"), "a stalled primary killed by timeout is reported as not answering");
    }
}
