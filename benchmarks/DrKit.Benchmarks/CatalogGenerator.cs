using System.Globalization;
using System.Text;

namespace DrKit.Benchmarks;

/// <summary>
/// Writes a stack file with many components across a primary and two recovery regions, cycling through every
/// kind and every strategy that kind accepts, so each mechanism and validation path is exercised.
/// </summary>
internal static class CatalogGenerator
{
    public const string Primary = "us-east-1";

    public static readonly string[] Recovery = ["us-west-2", "eu-west-1"];

    private static readonly string[] Strategies = ["backup-restore", "pilot-light", "warm-standby", "active-active"];

    public static string Write(string directory, int components)
    {
        var sb = new StringBuilder();
        sb.Append("# Generated benchmark catalog\nconfig:\n  aws:region: ").Append(Primary).Append('\n');
        sb.Append("  drkit:service: benchmark\n  drkit:primaryRegion: ").Append(Primary).Append('\n');
        sb.Append("  drkit:recoveryRegions:\n");
        foreach (var r in Recovery)
        {
            sb.Append("    - ").Append(r).Append('\n');
        }

        sb.Append("  drkit:traffic:\n    domain: bench.example.com\n    healthCheckInterval: 10s\n    failureThreshold: 3\n    ttl: 60s\n");
        sb.Append("  drkit:policy:\n    jurisdictions:\n      - us\n      - eu\n");
        sb.Append("  drkit:components:\n");
        for (var i = 0; i < components; i++)
        {
            Component(sb, i);
        }

        var path = Path.Combine(directory, "Pulumi.catalog.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static void Component(StringBuilder sb, int i)
    {
        var kind = i % 9;
        var strategy = Strategies[(i / 9) % 4];
        var tier = new[] { "critical", "production", "standard", "basic" }[(i / 36) % 4];
        var name = string.Create(CultureInfo.InvariantCulture, $"c{i:D4}");
        var lines = new List<string> { $"tier: {tier}" };
        switch (kind)
        {
            case 0:
                lines.AddRange(["kind: inference-endpoint", $"strategy: {strategy}", "endpoints:", $"  {Primary}: {name}.use1.example.com", $"  {Recovery[0]}: {name}.usw2.example.com", $"  {Recovery[1]}: {name}.euw1.example.com"]);
                break;
            case 1:
                strategy = strategy == "active-active" ? "warm-standby" : strategy;
                lines.AddRange(["kind: postgres", $"strategy: {strategy}", "archiveTimeout: 60s", "allocatedStorage: 200", "pitrWindow: 30d"]);
                if (strategy == "warm-standby" && i % 2 == 0)
                {
                    lines.AddRange(["engine: self-managed", "replication: sync"]);
                }

                break;
            case 2:
                strategy = strategy == "active-active" ? "pilot-light" : strategy;
                lines.AddRange(["kind: redis", $"strategy: {strategy}", "nodeType: cache.r7g.large", "shards: 2"]);
                break;
            case 3:
                var recovery = strategy == "backup-restore" ? new[] { "snapshot", "embeddings", "reembed" }[i % 3] : new[] { "replicated", "snapshot", "embeddings" }[i % 3];
                lines.AddRange(["kind: vector-index", $"strategy: {strategy}", $"recovery: {recovery}", "vectors: 20000000", "documents: 2000000"]);
                break;
            case 4:
                lines.AddRange(["kind: model-artifacts", $"strategy: {strategy}", "objectLock: true"]);
                break;
            case 5:
                lines.AddRange(["kind: container-images", $"strategy: {strategy}", "repositories:", "  - api", "  - embedder"]);
                break;
            case 6:
                lines.AddRange(["kind: gpu-capacity", $"strategy: {strategy}", "instanceType: g5.12xlarge", "count: 2", "availabilityZones:", $"  {Recovery[0]}: {Recovery[0]}b", $"  {Recovery[1]}: {Recovery[1]}a"]);
                if (strategy == "warm-standby")
                {
                    lines.Add($"standbyRunning: {1 + (i % 2)}");
                }

                break;
            case 7:
                lines.AddRange(["kind: feature-store-online", $"strategy: {strategy}"]);
                break;
            default:
                lines.AddRange(["kind: feature-store-offline", $"strategy: {strategy}"]);
                break;
        }

        sb.Append("    ").Append(name).Append(":\n");
        foreach (var line in lines)
        {
            sb.Append("      ").Append(line).Append('\n');
        }
    }
}
