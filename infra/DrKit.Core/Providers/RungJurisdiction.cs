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
/// (<c>us.</c>, <c>eu.</c>, <c>apac.</c>, <c>jp.</c>, <c>au.</c>, <c>us-gov.</c>) or to any commercial Region (<c>global.</c>)
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
        ["norwayeast"] = "eu", ["uksouth"] = "eu", ["ukwest"] = "eu",
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

    /// <summary>Bedrock cross-Region inference profile prefixes of a model id, by the scope their destination Regions span.</summary>
    private static readonly IReadOnlyDictionary<string, string> InferenceProfiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["global"] = Global, ["us"] = "us", ["us-gov"] = "us-gov", ["eu"] = "eu", ["apac"] = "ap", ["jp"] = "ap-northeast", ["au"] = "ap-southeast",
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
        return scope.Scope is { } s && s != Global && allowed.Any(j => s == j || s.StartsWith(j + "-", StringComparison.Ordinal))
            ? null
            : $"{rung.Name} processes prompts {(scope.Scope is null ? "in a geography DrKit does not know" : scope.Scope == Global ? "globally" : $"in {scope.Scope}")} " +
              $"({scope.Why}), outside the allowed jurisdictions ({string.Join(", ", allowed)})";
    }

    /// <summary>A Bedrock rung's scope: its region, or the geography of the cross-Region inference profile its model id names.</summary>
    private static ProcessingScope Bedrock(ProviderRungSpec rung)
    {
        var dot = rung.ChatModel.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && InferenceProfiles.TryGetValue(rung.ChatModel[..dot], out var scope)
            ? new(scope, scope == Global
                ? $"Bedrock global cross-Region inference profile {rung.ChatModel}: routed to any commercial AWS Region"
                : $"Bedrock cross-Region inference profile {rung.ChatModel}: routed within the {rung.ChatModel[..dot]} geography's Regions")
            : new(rung.Region, $"Bedrock in {rung.Region}");
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
