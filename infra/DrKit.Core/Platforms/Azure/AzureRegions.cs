namespace DrKit.Core.Platforms.Azure;

/// <summary>
/// Azure regions by their programmatic names (<c>eastus2</c>, as <c>az account list-locations</c> prints them) and
/// their documented pairs. https://learn.microsoft.com/azure/reliability/cross-region-replication-azure
/// A pair matters where a service replicates only to it: geo-redundant backups of PostgreSQL Flexible Server restore to
/// the paired region only (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-geo-disaster-recovery),
/// and GRS/RA-GZRS storage copies to it. Regions marked unpaired use availability zones instead of a pair.
/// Sovereign clouds (US Gov, China) are left out: DrKit targets the public cloud.
/// </summary>
public static class AzureRegions
{
    /// <summary>Region -> its pair; null for a region without one. Some pairings are one-way (westus3 -> eastus,
    /// brazilsouth -> southcentralus, westindia -> southindia), exactly as the table lists them.</summary>
    private static readonly Dictionary<string, string?> Pairs = new(StringComparer.Ordinal)
    {
        ["eastus"] = "westus",
        ["westus"] = "eastus",
        ["eastus2"] = "centralus",
        ["centralus"] = "eastus2",
        ["northcentralus"] = "southcentralus",
        ["southcentralus"] = "northcentralus",
        ["westus2"] = "westcentralus",
        ["westcentralus"] = "westus2",
        ["westus3"] = "eastus",
        ["canadacentral"] = "canadaeast",
        ["canadaeast"] = "canadacentral",
        ["brazilsouth"] = "southcentralus",
        ["brazilsoutheast"] = "brazilsouth",
        ["northeurope"] = "westeurope",
        ["westeurope"] = "northeurope",
        ["uksouth"] = "ukwest",
        ["ukwest"] = "uksouth",
        ["francecentral"] = "francesouth",
        ["francesouth"] = "francecentral",
        ["germanywestcentral"] = "germanynorth",
        ["germanynorth"] = "germanywestcentral",
        ["norwayeast"] = "norwaywest",
        ["norwaywest"] = "norwayeast",
        ["switzerlandnorth"] = "switzerlandwest",
        ["switzerlandwest"] = "switzerlandnorth",
        ["swedencentral"] = "swedensouth",
        ["swedensouth"] = "swedencentral",
        ["uaenorth"] = "uaecentral",
        ["uaecentral"] = "uaenorth",
        ["southafricanorth"] = "southafricawest",
        ["southafricawest"] = "southafricanorth",
        ["centralindia"] = "southindia",
        ["southindia"] = "centralindia",
        ["westindia"] = "southindia",
        ["jioindiawest"] = "jioindiacentral",
        ["jioindiacentral"] = "jioindiawest",
        ["eastasia"] = "southeastasia",
        ["southeastasia"] = "eastasia",
        ["japaneast"] = "japanwest",
        ["japanwest"] = "japaneast",
        ["koreacentral"] = "koreasouth",
        ["koreasouth"] = "koreacentral",
        ["australiaeast"] = "australiasoutheast",
        ["australiasoutheast"] = "australiaeast",
        ["australiacentral"] = "australiacentral2",
        ["australiacentral2"] = "australiacentral",
        ["polandcentral"] = null,
        ["italynorth"] = null,
        ["spaincentral"] = null,
        ["israelcentral"] = null,
        ["qatarcentral"] = null,
        ["mexicocentral"] = null,
        ["newzealandnorth"] = null,
        ["austriaeast"] = null,
        ["belgiumcentral"] = null,
        ["chilecentral"] = null,
        ["indonesiacentral"] = null,
        ["malaysiawest"] = null,
    };

    /// <summary>
    /// Known regions without availability zones: there a zone-redundant SKU (ZRS, GZRS, RA-GZRS) is refused at creation and
    /// a zonal resource names no zone. Every other known region has three zones. From Microsoft's regions list
    /// (https://learn.microsoft.com/azure/reliability/regions-list, column "Availability zones") and the list of regions with
    /// availability zone support (https://learn.microsoft.com/azure/reliability/availability-zones-service-support).
    /// </summary>
    private static readonly HashSet<string> WithoutZones = new(StringComparer.Ordinal)
    {
        "westus", "northcentralus", "westcentralus", "canadaeast", "brazilsoutheast", "ukwest", "francesouth", "germanynorth",
        "norwaywest", "switzerlandwest", "swedensouth", "uaecentral", "southafricawest", "southindia", "westindia",
        "jioindiawest", "jioindiacentral", "koreasouth", "australiasoutheast", "australiacentral", "australiacentral2",
    };

    /// <summary>Whether <paramref name="region"/> has availability zones (false for an unknown region).</summary>
    public static bool HasZones(string region) => Pairs.ContainsKey(region) && !WithoutZones.Contains(region);

    /// <summary>Every region DrKit knows, in the table's order.</summary>
    public static IReadOnlyCollection<string> All => Pairs.Keys;

    public static bool IsRegion(string name) => Pairs.ContainsKey(name);

    /// <summary>The region Azure pairs <paramref name="region"/> with; null when it has none (or is unknown).</summary>
    public static string? PairOf(string region) => Pairs.GetValueOrDefault(region);

    public static bool ArePaired(string primary, string recovery) => PairOf(primary) == recovery;

    /// <summary>
    /// The jurisdiction of an Azure region, spelled like the AWS region prefixes policy already uses (<c>us</c>, <c>eu</c>,
    /// <c>ca</c>, <c>sa</c>, <c>ap</c>, <c>me</c>, <c>af</c>, <c>il</c>, <c>mx</c>), so one <c>drkit:policy.jurisdictions</c>
    /// list reads the same on both clouds; the United Kingdom, Switzerland and Norway count as <c>eu</c>, as AWS's London
    /// and Zurich regions do. Null for an unknown region.
    /// </summary>
    public static string? Jurisdiction(string region)
    {
        if (!Pairs.ContainsKey(region))
        {
            return null;
        }

        string[] us = ["eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westus", "westus2", "westus3", "westcentralus"];
        (string Prefix, string Jurisdiction)[] byPrefix =
        [
            ("canada", "ca"), ("brazil", "sa"), ("chile", "sa"), ("mexico", "mx"), ("israel", "il"), ("uae", "me"), ("qatar", "me"),
            ("southafrica", "af"), ("north", "eu"), ("west", "eu"), ("uk", "eu"), ("france", "eu"), ("germany", "eu"), ("norway", "eu"),
            ("switzerland", "eu"), ("sweden", "eu"), ("poland", "eu"), ("italy", "eu"), ("spain", "eu"), ("austria", "eu"), ("belgium", "eu"),
        ];
        return us.Contains(region) ? "us" : byPrefix.FirstOrDefault(p => region.StartsWith(p.Prefix, StringComparison.Ordinal)).Jurisdiction ?? "ap";
    }

    /// <summary>
    /// The known regions closest in spelling to <paramref name="text"/>: the display name ("East US 2") and AWS-style
    /// spellings ("east-us-2") are folded first, so the usual mistakes get the right suggestion.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string text)
    {
        var folded = new string(text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        if (Pairs.ContainsKey(folded))
        {
            return [folded];
        }

        return Pairs.Keys
            .Select(r => (Region: r, Distance: Config.Fields.Distance(folded, r)))
            .Where(x => x.Distance <= Math.Max(2, folded.Length / 4))
            .OrderBy(x => x.Distance).ThenBy(x => x.Region, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Region)
            .ToList();
    }

    /// <summary>What a stack file is told when <paramref name="text"/> is no Azure region.</summary>
    public static string Expected(string text, string example)
    {
        var suggestions = Suggest(text);
        var hint = suggestions.Count == 0 ? string.Empty : $" (did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?)";
        return $"expected an Azure region such as {example} (the programmatic name, as 'az account list-locations' prints it), got '{text}'{hint}";
    }
}
