using System.Text.RegularExpressions;
using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Providers;

namespace DrKit.Core.Config;

public static partial class StackSpecReader
{
    private static readonly string[] RungKeys =
    [
        "name", "provider", "region", "endpoint", "chatModel", "contextWindow", "maxOutputTokens", "functionCalling", "streaming",
        "embeddingModel", "embeddingDimensions", "embeddingThroughput", "healthCheckInterval", "failureThreshold",
        "chatCapacity", "embeddingCapacity", "chatModelVersion", "embeddingModelVersion", "chatSku", "embeddingSku", "healthCheckUrl", "tokensPerMinute",
    ];

    private static readonly string[] AzureOnlyKeys = ["chatCapacity", "embeddingCapacity", "chatModelVersion", "embeddingModelVersion", "chatSku", "embeddingSku"];

    /// <summary>Azure OpenAI deployment types a rung may name; each has its own quota and data-processing scope.</summary>
    private static readonly Dictionary<string, AzureDeploymentSku> DeploymentSkus =
        Enum.GetValues<AzureDeploymentSku>().ToDictionary(s => s.ToString(), s => s, StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9]{2,30}$")]
    private static partial Regex AzureLocationPattern();

    private static ModelProviderOptions ReadModelProvider(Fields f, StackShape shape)
    {
        var rungs = new List<ProviderRungSpec>();
        switch (f.Node("providers"))
        {
            case null:
                f.Problem("providers", "missing; expected the chain of providers in failover order, at least two (the primary and a fallback)");
                break;
            case ConfigSequence { Items.Count: < 2 } few:
                f.Problem(few, f.Join("providers"), $"a chain needs a fallback: expected at least two providers, got {few.Items.Count}");
                rungs.AddRange(ReadRungs(f, few, shape));
                break;
            case ConfigSequence list:
                rungs.AddRange(ReadRungs(f, list, shape));
                break;
            case var other:
                f.Problem(other, f.Join("providers"), $"expected a list of providers (each a map with name, provider and chatModel), got {other.Describe()}");
                break;
        }

        var vectorIndex = f.String("vectorIndex");
        var indexes = shape.Named(ComponentKind.VectorIndex).ToList();
        if (vectorIndex is not null && !indexes.Contains(vectorIndex))
        {
            f.Problem("vectorIndex", $"names '{vectorIndex}', which is not a vector-index component of this stack ({(indexes.Count == 0 ? "it has none" : string.Join(", ", indexes))})");
            vectorIndex = null;
        }
        else if (vectorIndex is null && indexes.Count > 1)
        {
            f.Problem("vectorIndex", $"missing; the stack has several vector indexes ({string.Join(", ", indexes)}): name the one this chain's embeddings feed");
        }

        var mechanism = f.Choice("switch", new Dictionary<string, SwitchMechanism> { ["parameter"] = SwitchMechanism.Parameter, ["client"] = SwitchMechanism.Client }) ?? SwitchMechanism.Parameter;
        var modes = new List<DegradedMode>();
        foreach (var mode in f.StringList("degradedMode") ?? [])
        {
            switch (mode)
            {
                case "cached-responses": modes.Add(DegradedMode.CachedResponses); break;
                case "queue": modes.Add(DegradedMode.Queue); break;
                case "none": break;
                default: f.Problem("degradedMode", $"expected cached-responses, queue or none, got '{mode}'"); break;
            }
        }

        return new ModelProviderOptions(
            rungs,
            vectorIndex ?? (indexes.Count == 1 ? indexes[0] : null),
            mechanism,
            f.Duration("switchTime") ?? (mechanism == SwitchMechanism.Parameter ? Assumptions.ParameterSwitchTime : Assumptions.ClientSwitchTime),
            modes)
        {
            PeakTokensPerMinute = f.Number("peakTokensPerMinute", 1, 1_000_000_000) is { } peak ? (int)peak : null,
        };
    }

    private static List<ProviderRungSpec> ReadRungs(Fields f, ConfigSequence list, StackShape shape)
    {
        var rungs = new List<ProviderRungSpec>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"{f.Join("providers")}[{i}]";
            if (list.Items[i] is not ConfigMap map)
            {
                f.Problem(list.Items[i], path, $"expected a map with name, provider and chatModel, got {list.Items[i].Describe()}");
                continue;
            }

            if (ReadRung(new Fields(map, path, f.Problems, RungKeys), shape) is { } rung)
            {
                if (rungs.Any(r => r.Name == rung.Name))
                {
                    f.Problem(map, $"{path}.name", $"'{rung.Name}' names an earlier provider too; each rung needs its own name (the switch setting holds it)");
                }

                rungs.Add(rung);
            }
        }

        return rungs;
    }

    private static ProviderRungSpec? ReadRung(Fields f, StackShape shape)
    {
        var name = f.String("name", required: true);
        if (name is not null && !ComponentNamePattern().IsMatch(name))
        {
            f.Problem("name", $"expected lower-case letters, digits and '-', starting with a letter, at most 31 characters (it names cloud resources), got '{name}'");
        }
        else if (name == ProviderFailover.Degraded)
        {
            f.Problem("name", $"'{name}' is the value the switch takes when no rung survives (the degraded mode); name the rung after its provider and region");
        }

        var provider = f.Choice("provider", Names.Providers, required: true);
        var region = f.String("region");
        var endpoint = f.String("endpoint");
        var chatModel = f.String("chatModel", required: true);
        var context = f.Number("contextWindow", 1, 100_000_000);
        var output = f.Number("maxOutputTokens", 1, 100_000_000);
        foreach (var (key, value) in new[] { ("contextWindow", context), ("maxOutputTokens", output) })
        {
            if (value is null && f.Node(key) is null)
            {
                f.Problem(key, "missing; expected the model's limit in tokens (the plan compares it along the chain)");
            }
        }

        if (provider is { } p)
        {
            CheckPlacement(f, p, region, endpoint, shape);
        }

        var embedding = ReadEmbedding(f);
        var (healthUrl, healthUrls) = ReadHealthCheck(f, shape);

        var embeddingCapacity = (int)(f.Number("embeddingCapacity", 1, 100_000) ?? Assumptions.AzureOpenAiEmbeddingCapacity);
        var throughput = f.Number("embeddingThroughput", 1, 10_000_000) is { } t ? t : DefaultThroughput(provider, embeddingCapacity);
        if (name is null || provider is null || chatModel is null || context is null || output is null)
        {
            return null;
        }

        return new ProviderRungSpec(
            name,
            provider.Value,
            region,
            endpoint,
            chatModel,
            (int)context,
            (int)output,
            f.Bool("functionCalling") ?? false,
            f.Bool("streaming") ?? true,
            embedding,
            embedding is null ? 0 : throughput,
            f.Duration("healthCheckInterval") ?? Assumptions.ProviderHealthCheckInterval,
            (int)(f.Number("failureThreshold", 1, 100) ?? Assumptions.ProviderFailureThreshold))
        {
            ChatCapacity = (int)(f.Number("chatCapacity", 1, 100_000) ?? Assumptions.AzureOpenAiChatCapacity),
            EmbeddingCapacity = embeddingCapacity,
            ChatModelVersion = f.String("chatModelVersion"),
            EmbeddingModelVersion = f.String("embeddingModelVersion"),
            ChatSku = f.Choice("chatSku", DeploymentSkus) ?? AzureDeploymentSku.Standard,
            EmbeddingSku = f.Choice("embeddingSku", DeploymentSkus) ?? AzureDeploymentSku.Standard,
            HealthCheckUrl = healthUrl,
            HealthCheckUrls = healthUrls,
            TokensPerMinute = f.Number("tokensPerMinute", 1, 1_000_000_000) is { } tpm ? (int)tpm : null,
        };
    }

    /// <summary>
    /// <c>healthCheckUrl</c>: one URL, or a map of stack region -> URL of the probe through that region's application.
    /// The map is what a failover can use: it probes through the recovery region, whose endpoint answers while the failed
    /// region (where the global name still routes until traffic moves) does not.
    /// </summary>
    private static (string? Url, IReadOnlyDictionary<string, string> PerRegion) ReadHealthCheck(Fields f, StackShape shape)
    {
        const string Key = "healthCheckUrl";
        const string Expected = "an absolute http(s) URL that answers 2xx while this provider serves (the application's probe of this rung)";
        var perRegion = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.Node(Key) is ConfigMap node)
        {
            foreach (var (region, url) in f.StringMap(Key) ?? new Dictionary<string, string>())
            {
                if (!shape.Regions.Contains(region))
                {
                    f.Problem(node, f.Join($"{Key}.{region}"), $"names region '{region}', which is not one of this stack's regions ({string.Join(", ", shape.Regions)}); expected stack region -> {Expected}");
                }
                else if (!IsHttpUrl(url))
                {
                    f.Problem(node, f.Join($"{Key}.{region}"), $"expected {Expected} through that region's application endpoint, got '{url}'");
                }
                else
                {
                    perRegion[region] = url;
                }
            }

            return (null, perRegion);
        }

        var single = f.String(Key);
        if (single is not null && !IsHttpUrl(single))
        {
            f.Problem(Key, $"expected {Expected}, or a map of stack region -> such a URL, got '{single}'");
            single = null;
        }

        return (single, perRegion);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    private static void CheckPlacement(Fields f, ProviderType provider, string? region, string? endpoint, StackShape shape)
    {
        var kind = Names.Of(provider);
        if (provider == ProviderType.InferenceEndpoint)
        {
            var endpoints = shape.Named(ComponentKind.InferenceEndpoint).ToList();
            if (endpoint is null)
            {
                f.Problem("endpoint", $"missing; expected the inference-endpoint component that serves this rung ({(endpoints.Count == 0 ? "the stack has none" : string.Join(", ", endpoints))})");
            }
            else if (!endpoints.Contains(endpoint))
            {
                f.Problem("endpoint", $"names '{endpoint}', which is not an inference-endpoint component of this stack ({(endpoints.Count == 0 ? "it has none" : string.Join(", ", endpoints))})");
            }

            if (region is not null)
            {
                f.Problem("region", "the stack's own endpoint serves from whichever stack region is active; remove 'region'");
            }
        }
        else if (endpoint is not null)
        {
            f.Problem("endpoint", $"only an inference-endpoint rung names an endpoint component; {kind} is reached by its API");
        }

        if (provider == ProviderType.AzureOpenAi && (region is null || !AzureLocationPattern().IsMatch(region)))
        {
            f.Problem("region", $"{(region is null ? "missing" : $"got '{region}'")}; expected the Azure location of the Azure OpenAI account, such as eastus or swedencentral");
        }

        if (provider == ProviderType.Bedrock && (region is null || !IsRegion(region)))
        {
            f.Problem("region", $"{(region is null ? "missing" : $"got '{region}'")}; expected the AWS region Bedrock serves this rung from, such as us-east-1");
        }

        if (provider == ProviderType.AzureOpenAi && f.Node("tokensPerMinute") is not null)
        {
            f.Problem("tokensPerMinute", "an azure-openai rung's rate limit is its deployment's chatCapacity (thousands of tokens per minute); remove 'tokensPerMinute'");
        }

        foreach (var key in provider == ProviderType.AzureOpenAi ? [] : AzureOnlyKeys.Where(k => f.Node(k) is not null))
        {
            f.Problem(key, $"only azure-openai rungs declare deployments; {kind} takes no '{key}'");
        }
    }

    private static double DefaultThroughput(ProviderType? provider, int embeddingCapacity) => provider switch
    {
        ProviderType.AzureOpenAi => Assumptions.AzureEmbeddingVectorsPerSecond(embeddingCapacity),
        ProviderType.OpenAi => Assumptions.OpenAiEmbeddingVectorsPerSecond,
        ProviderType.Bedrock => Assumptions.BedrockEmbeddingVectorsPerSecond,
        ProviderType.InferenceEndpoint => Assumptions.SelfHostedEmbeddingVectorsPerSecond,
        _ => Assumptions.NoEmbeddingVectorsPerSecond,
    };
}
