using DrKit.Drills.Hosting;
using DrKit.Drills.Postgres;

namespace DrKit.Drills.Tests;

public sealed class PostgresClusterTests
{
    [Test]
    public async Task Standby_streams_rows_from_primary_and_everything_is_cleaned_up()
    {
        var harness = ProcessHarness.Create(new HarnessOptions(Timeout: TimeSpan.FromSeconds(60)));
        try
        {
            var cluster = await LocalPostgresCluster.StartAsync(harness, new PostgresClusterOptions(), CancellationToken.None);
            await cluster.Primary.ScalarAsync($"INSERT INTO {LocalPostgresCluster.TableName}(seq, payload) VALUES (1, 'x')",
                TimeSpan.FromSeconds(5), CancellationToken.None);
            long replicated = 0;
            for (var i = 0; i < 100 && replicated == 0; i++)
            {
                replicated = (long)(await cluster.Standby.ScalarAsync($"SELECT count(*) FROM {LocalPostgresCluster.TableName}",
                    TimeSpan.FromSeconds(5), CancellationToken.None))!;
                await Task.Delay(20);
            }

            var status = await cluster.GetStandbyStatusAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            // A query given 20 s runs past the connection string's 10 s command timeout (as pg_promote(true, 30) must).
            var slept = await cluster.Primary.ScalarAsync("SELECT 1 FROM pg_sleep(11)", TimeSpan.FromSeconds(20), CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(replicated, Is.EqualTo(1), "the row committed on the primary must reach the standby by streaming");
                Assert.That(status.InRecovery, Is.True, "the standby must still be in recovery before promotion");
                Assert.That(slept, Is.EqualTo(1), "a statement is bounded by the timeout its caller gives, not a fixed 10 s");
            });
        }
        finally
        {
            await harness.DisposeAsync();
        }

        LeakCheck.AssertClean(harness);
    }
}
