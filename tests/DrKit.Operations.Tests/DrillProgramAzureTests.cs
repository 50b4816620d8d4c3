using System.Collections.Concurrent;
using DrKit.Core.Platforms.Azure;
using DrKit.Operations.Cloud;
using DrKit.Operations.Drills;
using DrKit.Operations.Gateway;
using DrKit.Operations.Programs;
using DrKit.Operations.Tests.Fakes;

namespace DrKit.Operations.Tests;

/// <summary>A cloud drill of the bundled Azure stack: the Flexible Server geo-restored in centralus from the source read
/// with az, Managed Redis named as not restored, the restored server probed at Azure, the drill stack always torn down.</summary>
public sealed class DrillProgramAzureTests
{
    private const string Stack = "azure-pilot-light";
    private const string DrillStack = "azure-pilot-light-drill-20300101120000-ab12";
    private const string SourceId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/source";
    private const string RestoredId = "/subscriptions/0000/resourceGroups/rg-drill/providers/Microsoft.DBforPostgreSQL/flexibleServers/restored";
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static OperationTopology Topology => BundledStacks.Topology(Stack);

    private static AzurePostgresSettings ContextStore => (AzurePostgresSettings)Topology.Components.Single(c => c.Name == "context-store").Settings;

    private static DrillSettings Settings(string dir) => new()
    {
        DrillStack = DrillStack,
        SourceConfig = StackFileConfig.Read(BundledStacks.Path(Stack)),
        HistoryPath = Path.Combine(dir, "history.jsonl"),
    };

    [Test]
    public void Plan_AzureStack_ListsWhatIsRestoredFromWhereAndTheAzReads()
    {
        var steps = DrillProgram.Plan(Topology, Settings(Path.GetTempPath()), DrillStack, Now).ToDictionary(s => s.Name, s => s.Calls);
        var pg = ContextStore;
        Assert.Multiple(() =>
        {
            Assert.That(steps["AzureCli"], Is.EqualTo("az version --output json"), "the Azure CLI is checked before anything is created");
            Assert.That(steps[DrillProgram.RecoveryPointsStep], Does.Contain($"az postgres flexible-server show --resource-group {pg.ResourceGroups["eastus2"]} --name {pg.Server} --output json"),
                "the source server is read by its decided name");
            Assert.That(steps[DrillProgram.RecoveryPointsStep], Does.Contain("eastus2"), "and the read says which region's control plane serves it");
            Assert.That(steps["Deploy"], Does.Contain("geo-restore in centralus"), "the server is geo-restored in the paired region");
            Assert.That(steps["Deploy"], Does.Contain("session-cache: not restored"), "Managed Redis is listed, with why, never left out");
            Assert.That(steps["Probes"], Does.Contain("az postgres flexible-server show --ids"), "the restored server's state is read at Azure");
            Assert.That(steps[DrillProgram.LeftoversStep], Does.Contain($"az resource list --tag stack={DrillStack}"), "leftovers are listed by the drill stack's tag");
            Assert.That(string.Join("\n", steps.Values), Does.Not.Contain("aws rds").And.Not.Contain("elasticache").And.Not.Contain("aws s3api"), "no AWS call on an Azure stack");
        });
    }

    [Test]
    public async Task Drill_AzureStack_RestoresToTheTimeReadProbesAtAzureAndNamesTheGeoRestoreGap()
    {
        var dir = Directory.CreateTempSubdirectory("drkit-azure-drill-").FullName;
        try
        {
            var clock = new ManualTimeProvider(Now);
            var az = new FakeAz();
            var world = new StackWorld()
                .WithStack(Stack, _ => new Dictionary<string, string> { ["context-store.restoreKey"] = "https://kv/keys/pg", ["context-store.restoreIdentity"] = "/identities/pg" })
                .WithProgramFor($"{Stack}-drill-", c => new Dictionary<string, string>
                {
                    ["context-store.restoredId"] = c.GetValueOrDefault("drkit-ops:source.context-store.restoreSource") == SourceId ? RestoredId : string.Empty,
                });
            world.OnUp = (_, _) => clock.Advance(TimeSpan.FromMinutes(40));
            var reader = new RecoveryPointReader(az, clock);
            var result = await new DrillProgram(world.Gateway.Object, new FakeAws().Switch(clock), reader, new FakeAws().Lag(clock), clock)
                .RunAsync(Topology, Settings(dir), CancellationToken.None);

            var config = world.Config[DrillStack];
            Assert.Multiple(() =>
            {
                Assert.That(config["drkit-ops:source.context-store.restoreSource"].Value, Is.EqualTo(SourceId), "the drill stack restores from the id Azure reported");
                Assert.That(config["drkit-ops:source.context-store.recoveryPoint"].Value, Is.EqualTo(Now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                    "the requested point is the time of the read");
                Assert.That(az.Calls, Has.Some.StartsWith("az postgres flexible-server show --ids " + RestoredId), "the restored server's state is probed at Azure");
                Assert.That(result.Drill!.Gaps.Select(g => g.Reason), Has.Some.Contains("geo-restore RPO not measured"), "the geo-restore's point is never echoed as a measured RPO");
                Assert.That(result.Drill.Gaps.Select(g => g.Tier), Does.Contain("session-cache"), "the cache that is not restored is a gap");
                Assert.That(result.Drill.Rto, Is.EqualTo(TimeSpan.FromMinutes(40)), "RTO runs from deploy start to the passing probe");
                Assert.That(result.Drill.TornDown, Is.True, "the drill stack is always torn down");
                Assert.That(world.Calls, Does.Contain($"Remove {DrillStack}"), "and removed");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task Drill_SourceWithoutGeoBackup_RestoresNothingAndSaysWhy()
    {
        var dir = Directory.CreateTempSubdirectory("drkit-azure-drill-").FullName;
        try
        {
            var clock = new ManualTimeProvider(Now);
            var az = new FakeAz { GeoBackup = "Disabled" };
            var world = new StackWorld()
                .WithStack(Stack, _ => new Dictionary<string, string> { ["context-store.restoreKey"] = "https://kv/keys/pg", ["context-store.restoreIdentity"] = "/identities/pg" })
                .WithProgramFor($"{Stack}-drill-", _ => []);
            var result = await new DrillProgram(world.Gateway.Object, new FakeAws().Switch(clock), new RecoveryPointReader(az, clock), new FakeAws().Lag(clock), clock)
                .RunAsync(Topology, Settings(dir), CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(world.Config[DrillStack]["drkit-ops:source.context-store.recoveryPoint"].Value, Is.Empty, "no point is handed over, so nothing is declared");
                Assert.That(result.Drill!.Gaps.Select(g => g.Reason), Has.Some.Contains("keeps no geo-redundant backup"), "the reason Azure gave is the gap");
                Assert.That(az.Calls, Has.None.Contains("--ids"), "nothing restored, nothing probed");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The Azure CLI as the drill calls it: the source server, then the restored one, then the leftovers list.</summary>
    private sealed class FakeAz : ICloudCommand
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public string GeoBackup { get; init; } = "Enabled";

        public Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
        {
            var line = $"{program} {string.Join(' ', arguments)}";
            Calls.Enqueue(line);
            Assert.That(program, Is.EqualTo("az"), $"an Azure drill calls no other CLI: {line}");
            var json = arguments switch
            {
                ["version", ..] => "{\"azure-cli\":\"2.70.0\"}",
                ["postgres", "flexible-server", "show", "--ids", var id, ..] => $"{{\"id\":\"{id}\",\"state\":\"Ready\"}}",
                ["postgres", "flexible-server", "show", ..] =>
                    $"{{\"id\":\"{SourceId}\",\"state\":\"Ready\",\"backup\":{{\"geoRedundantBackup\":\"{GeoBackup}\",\"earliestRestoreDate\":\"2029-12-02T12:00:00+00:00\"}}}}",
                ["resource", "list", ..] => "[]",
                _ => throw new AssertionException($"unexpected call {line}"),
            };
            return Task.FromResult(new CloudCommandResult(0, json, string.Empty));
        }
    }
}
