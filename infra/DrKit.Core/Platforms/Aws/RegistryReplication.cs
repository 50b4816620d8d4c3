using System.Text.Json;
using DrKit.Core.Planning;

namespace DrKit.Core.Platforms.Aws;

/// <summary>What one stack needs of its account's ECR registry replication: its repositories (by prefix) copied
/// from <see cref="SourceRegion"/> to <see cref="Destinations"/> in registry <see cref="RegistryId"/>.</summary>
public sealed record RegistryReplicationNeed(string Stack, string RegistryId, string SourceRegion, string Prefix, IReadOnlyList<string> Destinations);

/// <summary>One rule of a merged registry replication configuration.</summary>
public sealed record RegistryReplicationRule(IReadOnlyList<string> Prefixes, IReadOnlyList<string> Destinations);

/// <summary>
/// ECR keeps one replication configuration per registry (account) and region, and PutReplicationConfiguration
/// replaces all of it (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutReplicationConfiguration.html),
/// so two stacks that each declared their rule would overwrite each other, and destroying either would end
/// replication for both. DrKit stacks therefore declare no registry-wide setting: each exports its need
/// (<see cref="OutputName"/>), and one account stack owns the configuration and merges every member's need here.
/// Destroying a member stack leaves the others' rules in place; the owner drops its rule on its next update.
/// </summary>
public static class RegistryReplication
{
    /// <summary>Stack output carrying a stack's need as JSON; empty when it replicates no images.</summary>
    public const string OutputName = "registryReplication";

    /// <summary>
    /// The SSM parameter the account stack creates, in each region whose registry replication it owns, holding its own
    /// name. Parameter names are unique per account and region and the create never overwrites
    /// (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html, Overwrite false:
    /// ParameterAlreadyExists), so a second account stack fails there, naming this parameter, before it sends a replication
    /// configuration that would replace the first one's rules.
    /// </summary>
    public const string OwnerParameter = "/drkit/ecr-replication-owner";

    /// <summary>Rules per configuration and filters per rule (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationConfiguration.html,
    /// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationRule.html).</summary>
    public const int MaxRules = 10;

    public const int MaxFiltersPerRule = 100;

    /// <summary>Repositories of a stack are named <c>&lt;service&gt;/&lt;stack&gt;/&lt;repository&gt;</c>; the trailing slash keeps
    /// stack <c>a</c>'s filter from matching stack <c>a-drill-...</c>.</summary>
    public static string Prefix(string service, string stack) => $"{service}/{stack}/";

    /// <summary>Whether the plan replicates images at all (a registry component planned with replication).</summary>
    public static bool Needed(DrPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.RecoveryRegions.Count > 0 && plan.Components.Any(c => c.Settings is RegistrySettings { Replicate: true, Repositories.Count: > 0 });
    }

    public static string Serialize(RegistryReplicationNeed need) => JsonSerializer.Serialize(need, Json.CoreJsonContext.Default.RegistryReplicationNeed);

    /// <summary>Reads a member's output; null for an empty output (the member replicates nothing).</summary>
    /// <exception cref="FormatException">The text is not a need DrKit wrote.</exception>
    public static RegistryReplicationNeed? Parse(string member, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var need = JsonSerializer.Deserialize(text, Json.CoreJsonContext.Default.RegistryReplicationNeed);
            if (need is { Stack.Length: > 0, RegistryId.Length: > 0, SourceRegion.Length: > 0, Prefix.Length: > 0, Destinations: not null })
            {
                return need;
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException($"stack {member}: output {OutputName} is not a DrKit registry replication need: '{text}'");
    }

    /// <summary>
    /// The rules for the registry of <paramref name="sourceRegion"/>: members with the same destinations share a rule
    /// (one prefix filter each), in a stable order so an unchanged set of members never shows a diff.
    /// </summary>
    /// <exception cref="InvalidOperationException">Members in different registries, or more rules or filters than ECR allows.</exception>
    public static IReadOnlyList<RegistryReplicationRule> Merge(string sourceRegion, IEnumerable<RegistryReplicationNeed> needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var here = needs.Where(n => n.SourceRegion == sourceRegion).ToList();
        var registries = here.Select(n => n.RegistryId).Distinct(StringComparer.Ordinal).ToList();
        if (registries.Count > 1)
        {
            throw new InvalidOperationException($"members in {sourceRegion} use different registries ({string.Join(", ", registries)}); one account stack owns one account's registry");
        }

        var rules = here
            .GroupBy(n => string.Join(',', n.Destinations.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegistryReplicationRule(
                g.Select(n => n.Prefix).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                g.First().Destinations.Order(StringComparer.Ordinal).ToList()))
            .ToList();
        if (rules.Count > MaxRules)
        {
            throw new InvalidOperationException($"{sourceRegion}: {rules.Count} distinct destination sets need {rules.Count} rules; ECR allows {MaxRules} per registry");
        }

        if (rules.FirstOrDefault(r => r.Prefixes.Count > MaxFiltersPerRule) is { } crowded)
        {
            throw new InvalidOperationException($"{sourceRegion}: {crowded.Prefixes.Count} stacks replicate to {string.Join(", ", crowded.Destinations)}; ECR allows {MaxFiltersPerRule} filters per rule");
        }

        return rules;
    }

    /// <summary>
    /// The rules of every region the account stack owns, checked before anything is declared: ECR requires at least
    /// one rule in a replication configuration (the provider's <c>rule</c> block is required), so a region whose
    /// members all left (or that is only a recovery region) cannot keep a configuration; and a member whose images
    /// live in a region the account stack does not own would silently never replicate.
    /// </summary>
    /// <exception cref="InvalidOperationException">A member's source region is not owned, or an owned region has no rule; the message says what to change.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<RegistryReplicationRule>> Plan(IReadOnlyList<string> regions, IReadOnlyList<RegistryReplicationNeed> needs)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(needs);
        if (needs.FirstOrDefault(n => !regions.Contains(n.SourceRegion, StringComparer.Ordinal)) is { } orphan)
        {
            throw new InvalidOperationException(
                $"member stack {orphan.Stack} keeps its images in {orphan.SourceRegion}, which drkit-account:regions ({string.Join(", ", regions)}) does not list: add {orphan.SourceRegion}, or its images never replicate");
        }

        var plan = regions.ToDictionary(r => r, r => Merge(r, needs), StringComparer.Ordinal);
        var empty = plan.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList();
        if (empty.Count > 0)
        {
            throw new InvalidOperationException(
                $"no member stack replicates images from {string.Join(", ", empty)}, and ECR needs at least one rule per replication configuration: " +
                "remove these regions from drkit-account:regions (the next update then deletes their configuration, leaving no replication rules there)");
        }

        return plan;
    }
}
