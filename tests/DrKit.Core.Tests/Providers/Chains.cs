using DrKit.Core.Planning;

namespace DrKit.Core.Tests.Providers;

/// <summary>Inline stacks with a model-provider chain <c>llm</c>, a vector index <c>index</c> and an endpoint <c>api</c>.</summary>
internal static class Chains
{
    public const long Vectors = 1_000_000;

    /// <summary>The primary rung every chain starts with: OpenAI, 128k context, 16k output, tools, 1536d embeddings.</summary>
    public static string Primary(params string[] extra) => Rung("openai", "openai", ["embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536", .. extra]);

    /// <summary>A rung with the primary's capabilities unless <paramref name="keys"/> override them (later keys win).</summary>
    public static string Rung(string name, string provider, params string[] keys)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["provider"] = provider,
            ["chatModel"] = "gpt-4o",
            ["contextWindow"] = "128000",
            ["maxOutputTokens"] = "16384",
            ["functionCalling"] = "true",
        };
        foreach (var key in keys)
        {
            var i = key.IndexOf(':', StringComparison.Ordinal);
            map[key[..i]] = key[(i + 1)..].Trim();
        }

        var lines = map.Select(kv => $"{kv.Key}: {kv.Value}").ToList();
        return "- " + lines[0] + "\n" + string.Concat(lines.Skip(1).Select(l => "  " + l + "\n"));
    }

    /// <summary>Azure OpenAI in <paramref name="location"/> with the primary's embeddings.</summary>
    public static string Azure(string name, string location, params string[] keys) =>
        Rung(name, "azure-openai", ["region: " + location, "embeddingModel: text-embedding-3-small", "embeddingDimensions: 1536", .. keys]);

    /// <summary>A stack whose llm chain has <paramref name="rungs"/>; <paramref name="indexKeys"/> go on the vector index.</summary>
    public static string Stack(IEnumerable<string> rungs, string[]? indexKeys = null, params string[] llmKeys)
    {
        var index = string.Join("\n", new[] { "kind: vector-index", "strategy: warm-standby", $"vectors: {Vectors}" }.Concat(indexKeys ?? []));
        var llm = string.Join("\n", new[] { "kind: model-provider", "tier: production", "strategy: warm-standby" }.Concat(llmKeys)) + "\nproviders:\n" + TestStacks.Indent(string.Concat(rungs), 2);
        var components = "api:\n" + TestStacks.Indent("kind: inference-endpoint\nstrategy: warm-standby\nendpoints:\n  us-east-1: api.example.com", 2)
            + "index:\n" + TestStacks.Indent(index, 2)
            + "llm:\n" + TestStacks.Indent(llm, 2);
        return TestStacks.Yaml(components, "us-west-2");
    }

    public static DrPlan Plan(IEnumerable<string> rungs, string[]? indexKeys = null, params string[] llmKeys) =>
        TestStacks.Plan(Stack(rungs, indexKeys, llmKeys));

    public static ModelProviderSettings Chain(this DrPlan plan) => (ModelProviderSettings)plan.Component("llm")!.Settings;

    public static RungVerdict Verdict(this DrPlan plan, string rung) => plan.Chain().Verdicts.Single(v => v.Rung == rung);
}
