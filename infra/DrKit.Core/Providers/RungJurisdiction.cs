using DrKit.Core.Model;

namespace DrKit.Core.Providers;

/// <summary>Where a rung processes prompts: a jurisdiction token as <c>drkit:policy.jurisdictions</c> spells them (<c>us</c>,
/// <c>eu</c>, an AWS region), <see cref="RungJurisdiction.Global"/>, or null when DrKit cannot tell.</summary>
/// <param name="Why">The scope in words, for verdicts and findings.</param>
public sealed record ProcessingScope(string? Scope, string Why);

/// <summary>
/// Judges where each rung of a chain processes the prompts it is sent, against the stack's allowed jurisdictions, so a
/// switch never moves users' prompts out of them unnoticed. The scope follows the provider's documented processing:
/// an Azure <c>Standard</c> deployment processes in its location's geography, <c>DataZoneStandard</c> within the data
/// zone (US or EU) of its location, and <c>GlobalStandard</c> in any Azure geography
/// (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types); a rung with two deployments takes the
/// wider of the two. A <c>DataZoneStandard</c> deployment counts as inside the EU data zone only in an EU member state's
/// location: Microsoft processes the EU data zone "within any EU member nation" when the resource is in one, which the
/// UK, Switzerland and Norway are not, so there it is unknown
/// (https://learn.microsoft.com/en-us/answers/questions/6010628/gpt-5-4-eur-data-zone-standard-quota-denied-due-to).
/// Bedrock processes in its AWS region (https://docs.aws.amazon.com/bedrock/latest/userguide/data-protection.html) unless
/// the chat model id names a cross-Region inference profile, which routes to any destination Region of its geography
/// (<c>us.</c>, <c>eu.</c>, <c>apac.</c> (which includes the UAE), <c>jp.</c>, <c>au.</c>, <c>us-gov.</c>) or to any commercial Region (<c>global.</c>)
/// (https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html,
/// https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html);
/// a hosted API (OpenAI, Anthropic) is global unless the rung declares its data-residency region; the stack's own
/// endpoint serves from the stack's regions, which <c>regions-in-jurisdiction</c> judges already.
/// Jurisdiction tokens follow the AWS region prefixes the stack's rule uses (<c>eu</c> is Europe, as eu-west-2 is London).
/// </summary>
public static class RungJurisdiction
{
    public const string Global = "global";

    /// <summary>Azure locations by the geography token DrKit compares with jurisdictions; a location not listed has an unknown scope.</summary>
    private static readonly IReadOnlyDictionary<string, string> AzureGeographies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["eastus"] = "us", ["eastus2"] = "us", ["westus"] = "us", ["westus2"] = "us", ["westus3"] = "us", ["centralus"] = "us",
        ["northcentralus"] = "us", ["southcentralus"] = "us", ["westcentralus"] = "us",
        ["westeurope"] = "eu", ["northeurope"] = "eu", ["swedencentral"] = "eu", ["francecentral"] = "eu", ["germanywestcentral"] = "eu",
        ["italynorth"] = "eu", ["polandcentral"] = "eu", ["spaincentral"] = "eu", ["switzerlandnorth"] = "eu", ["switzerlandwest"] = "eu",
        ["norwayeast"] = "eu", ["uksouth"] = "eu", ["ukwest"] = "eu", ["francesouth"] = "eu", ["germanynorth"] = "eu", ["austriaeast"] = "eu",
        ["belgiumcentral"] = "eu", ["denmarkeast"] = "eu",
        ["canadaeast"] = "ca", ["canadacentral"] = "ca", ["brazilsouth"] = "sa",
        ["japaneast"] = "ap", ["japanwest"] = "ap", ["australiaeast"] = "ap", ["koreacentral"] = "ap", ["southindia"] = "ap", ["centralindia"] = "ap",
        ["southeastasia"] = "ap", ["eastasia"] = "ap",
    };

    /// <summary>Azure locations in EU member states: the only European locations whose DataZoneStandard deployments are
    /// processed within the EU data zone. DrKit's <c>eu</c> token means Europe (as AWS eu-west-2 is London), so uksouth,
    /// switzerlandnorth or norwayeast map to <c>eu</c> for Standard but lie in no EU data zone.</summary>
    private static readonly HashSet<string> EuMemberLocations = new(StringComparer.OrdinalIgnoreCase)
    {
        "westeurope", "northeurope", "swedencentral", "francecentral", "francesouth", "germanywestcentral", "germanynorth",
        "italynorth", "polandcentral", "spaincentral", "austriaeast", "belgiumcentral", "denmarkeast",
    };

    /// <summary>The locations whose DataZoneStandard deployments DrKit judges inside the EU data zone.</summary>
    public static IReadOnlyCollection<string> EuDataZoneLocations => EuMemberLocations;

    /// <summary>
    /// Bedrock cross-Region inference profile prefixes of a model id, by the scope their destination Regions span; a scope
    /// of several tokens joined by <c>+</c> is inside the jurisdictions only when each token is. The APAC profile also
    /// routes to Middle East (UAE) me-central-1, so it is <c>ap+me</c>
    /// (https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.aws_bedrock_alpha/CrossRegionInferenceProfileRegion.html).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> InferenceProfiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["global"] = Global, ["us"] = "us", ["us-gov"] = "us-gov", ["eu"] = "eu", ["apac"] = "ap+me", ["jp"] = "ap-northeast", ["au"] = "ap-southeast",
    };

    /// <summary>
    /// Model vendors a Bedrock model id starts with when it names an in-Region foundation model
    /// (https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html). A first segment that is neither one of
    /// these nor a known profile (a new profile geography, an ARN, an application inference profile) is an unknown scope:
    /// it may route anywhere, so it fails closed rather than passing as the rung's Region.
    /// </summary>
    private static readonly HashSet<string> BedrockVendors = new(StringComparer.Ordinal)
    {
        "amazon", "anthropic", "ai21", "cohere", "meta", "mistral", "deepseek", "openai", "qwen", "writer", "stability", "twelvelabs", "luma",
        "google", "minimax", "moonshotai", "nvidia",
    };

    public static ProcessingScope Of(ProviderRungSpec rung)
    {
        ArgumentNullException.ThrowIfNull(rung);
        return rung.Provider switch
        {
            ProviderType.AzureOpenAi => Azure(rung),
            ProviderType.Bedrock => Bedrock(rung),
            ProviderType.InferenceEndpoint => new(null, $"the stack's own endpoint {rung.Endpoint}"),
            _ => rung.Region is { } residency
                ? new(residency, $"{Names.Of(rung.Provider)} with data residency in {residency}")
                : new(Global, $"{Names.Of(rung.Provider)} without a declared data-residency region: processed wherever the provider runs it"),
        };
    }

    /// <summary>Why <paramref name="rung"/> processes outside <paramref name="allowed"/>; null when it stays inside (or
    /// nothing is restricted, or the rung is the stack's own endpoint).</summary>
    public static string? Outside(ProviderRungSpec rung, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(rung);
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Count == 0 || rung.Provider == ProviderType.InferenceEndpoint)
        {
            return null;
        }

        var scope = Of(rung);
        return scope.Scope is { } s && s != Global && s.Split('+').All(member => allowed.Any(j => member == j || member.StartsWith(j + "-", StringComparison.Ordinal)))
            ? null
            : $"{rung.Name} processes prompts {(scope.Scope is null ? "in a geography DrKit does not know" : scope.Scope == Global ? "globally" : $"in {scope.Scope}")} " +
              $"({scope.Why}), outside the allowed jurisdictions ({string.Join(", ", allowed)})";
    }

    /// <summary>A Bedrock rung's scope, the wider of its chat and embedding model ids' (<see cref="BedrockModel"/>).</summary>
    private static ProcessingScope Bedrock(ProviderRungSpec rung)
    {
        var chat = BedrockModel(rung.ChatModel, rung.Region);
        if (rung.Embedding is not { } embedding)
        {
            return chat;
        }

        var embed = BedrockModel(embedding.Model, rung.Region);
        return chat.Scope is null || chat.Scope == Global || chat.Scope == embed.Scope ? chat
            : embed.Scope is null || embed.Scope == Global ? embed
            : new(string.Join("+", chat.Scope.Split('+').Union(embed.Scope.Split('+'), StringComparer.Ordinal)), $"{chat.Why}; {embed.Why}");
    }

    /// <summary>One Bedrock model id's scope: the Region for a vendor's model, the geography of a cross-Region inference
    /// profile, else unknown (fail closed).</summary>
    private static ProcessingScope BedrockModel(string model, string? region)
    {
        if (model.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new(null, $"Bedrock model ARN {model}: an inference profile ARN may route to Regions DrKit cannot see from the id; declare the profile's id instead");
        }

        var dot = model.IndexOf('.', StringComparison.Ordinal);
        var first = dot > 0 ? model[..dot] : model;
        return InferenceProfiles.TryGetValue(first, out var scope)
            ? new(scope, scope == Global
                ? $"Bedrock global cross-Region inference profile {model}: routed to any commercial AWS Region"
                : $"Bedrock cross-Region inference profile {model}: routed within the {first} geography's Regions ({scope.Replace("+", ", ", StringComparison.Ordinal)})")
            : BedrockVendors.Contains(first)
                ? new(region, $"Bedrock in {region}")
                : new(null, $"Bedrock model id {model}: '{first}' is neither a model vendor nor an inference profile DrKit knows, so where it routes is unknown");
    }

    private static ProcessingScope Azure(ProviderRungSpec rung)
    {
        var geography = rung.Region is { } location ? AzureGeographies.GetValueOrDefault(location) : null;
        var skus = new[] { rung.ChatSku }.Concat(rung.Embedding is null ? [] : [rung.EmbeddingSku]).ToList();
        if (skus.Contains(AzureDeploymentSku.GlobalStandard))
        {
            return new(Global, $"Azure OpenAI GlobalStandard deployment in {rung.Region}: processed in any Azure geography");
        }

        if (skus.Contains(AzureDeploymentSku.DataZoneStandard))
        {
            var zone = geography == "us" ? "us" : geography == "eu" && EuMemberLocations.Contains(rung.Region!) ? "eu" : null;
            return zone is not null
                ? new(zone, $"Azure OpenAI DataZoneStandard deployment in {rung.Region}: processed within the {(zone == "us" ? "US" : "EU (member states)")} data zone")
                : new(null, $"Azure OpenAI DataZoneStandard deployment in {rung.Region}, which lies in no data zone DrKit knows (the EU data zone covers EU member states only)");
        }

        return new(geography, geography is null
            ? $"Azure OpenAI Standard deployment in {rung.Region}, a location DrKit maps to no geography"
            : $"Azure OpenAI Standard deployment in {rung.Region} ({geography} geography)");
    }
}
