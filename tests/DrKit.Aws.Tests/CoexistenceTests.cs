using Pulumi.Testing;

namespace DrKit.Aws.Tests;

/// <summary>Two stacks, and a drill stack beside its source, in one account and region: no name that AWS keeps unique
/// per account collides, and no stack declares a setting that exists once per account.</summary>
public sealed class CoexistenceTests
{
    public const string DrillStack = "pilot-light-drill-20301130094100-ab12";
    public const string BackupsArn = "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-context-store";
    public const string RecoveryPoint = "2030-11-30T09:40:00.0000000Z";
    public const string Snapshot = "automatic.session-cache-us-west-2-2030-11-30-09-00";

    /// <summary>Types whose one instance configures a whole account's registry (or account): owned by the account stack only.</summary>
    private static readonly string[] AccountWide =
    [
        Types.EcrReplication, "aws:ecr/registryPolicy:RegistryPolicy", "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
        "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    ];

    /// <summary>Inputs that name a resource explicitly, where AWS wants the name unique per account and region (auto-named resources carry a random suffix).</summary>
    private static readonly string[] UniqueNameInputs = ["finalSnapshotIdentifier", "identifier", "replicationGroupId", "globalReplicationGroupIdSuffix"];

    public const string SourceCacheKey = "arn:aws:kms:us-west-2:123456789012:key/source-session-cache";

    /// <summary>The drkit-ops values 'drkit drill' gives a drill stack of pilot-light.</summary>
    internal static readonly (string Key, string Value)[] DrillOps =
    [
        ("drill.mode", "restore"),
        ("drill.sourceStack", "pilot-light"),
        ("drill.region", "us-west-2"),
        ("ephemeral", "true"),
        ("source.context-store.restoreSource", BackupsArn),
        ("source.context-store.recoveryPoint", RecoveryPoint),
        ("source.session-cache.restoreSource", "session-cache-us-west-2"),
        ("source.session-cache.restoreKey", SourceCacheKey),
        ("source.session-cache.snapshotName", Snapshot),
        ("source.session-cache.recoveryPoint", RecoveryPoint),
    ];

    internal static Task<StackRun> DrillAsync() => StackRun.OfAsync("pilot-light", DrillStack, DrillOps);

    internal static IReadOnlyList<string> UniqueNames(StackRun run) =>
    [
        .. run.Resources.SelectMany(r => UniqueNameInputs.Where(k => r.Inputs.ContainsKey(k) && r.Type != Types.Provider && r.Type != "pulumi:pulumi:StackReference")
            .Select(k => $"{RecordingMocks.RegionOf(r)}:{k}:{r.Inputs[k]}")),
        .. run.OfType(Types.Repository).Select(r => $"{RecordingMocks.RegionOf(r)}:ecr:{r.Inputs["name"]}"),
        .. run.OfType(Types.Bucket).Concat(run.OfType(Types.Table)).Where(r => r.Inputs.ContainsKey("bucket") || r.Inputs.ContainsKey("name"))
            .Select(r => $"{RecordingMocks.RegionOf(r)}:{r.Type}:{r.Inputs.GetValueOrDefault("bucket") ?? r.Inputs["name"]}"),
        .. run.OfType(Types.Record).Select(r => $"route53:{r.Inputs["zoneId"]}:{r.Inputs["name"]}:{r.Inputs.GetValueOrDefault("setIdentifier")}"),
    ];

    [Test]
    public async Task TwoStacks_OfTheSameServiceInOneAccount_DeclareNoCollidingNamesOrAccountWideResources()
    {
        var first = await StackRun.OfAsync("pilot-light");
        var second = await StackRun.OfAsync("pilot-light", "pilot-light-eu");

        var firstNames = UniqueNames(first).Where(n => !n.StartsWith("route53:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstNames, Has.Some.Contains("finalSnapshotIdentifier:pilot-light-context-store-final-"), "the final snapshot id carries the stack");
            Assert.That(UniqueNames(second).Intersect(firstNames), Is.Empty, "no account-unique name is declared by both stacks");
            Assert.That(first.Resources.Concat(second.Resources).Where(r => AccountWide.Contains(r.Type)).Select(r => $"{r.Type} {r.Name}"), Is.Empty,
                "neither declares an account-wide setting, so neither overwrites or removes the other's");
        });
    }

    [Test]
    public async Task DrillStack_BesideItsSource_DeclaresNoCollidingNamesTrafficOrAccountWideResources()
    {
        var source = await StackRun.OfAsync("pilot-light");
        var drill = await DrillAsync();

        Assert.Multiple(() =>
        {
            Assert.That(UniqueNames(drill).Intersect(UniqueNames(source)), Is.Empty, "the drill stack's names never collide with production's");
            Assert.That(drill.OfType(Types.Record).Concat(drill.OfType(Types.HealthCheck)), Is.Empty,
                "a drill stack declares no traffic record or health check: production owns the name and its set identifiers");
            Assert.That(drill.Resources.Where(r => AccountWide.Contains(r.Type)), Is.Empty, "nor any registry-wide or account-wide setting");
            Assert.That(drill.OfType(Types.Repository).Concat(drill.OfType(Types.Bucket)).Concat(drill.OfType(Types.CapacityReservation)), Is.Empty,
                "repositories and buckets are read from the source's replicas; a drill reserves no capacity");
            Assert.That(drill.OfType(Types.GlobalReplicationGroup), Is.Empty, "a drill never joins or creates a Global Datastore");
        });
    }
}
