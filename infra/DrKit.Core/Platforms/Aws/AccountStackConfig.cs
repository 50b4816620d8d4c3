using System.Text.Json;
using DrKit.Core.Config;

namespace DrKit.Core.Platforms.Aws;

/// <summary>
/// The account stack: one per AWS account, owning the settings that exist once per account and region (today the
/// ECR registry replication configuration, see <see cref="RegistryReplication"/>). Its config lives in its own
/// namespace: <c>drkit-account:members</c> lists the stacks whose needs it merges (Pulumi stack references such as
/// <c>acme/drkit/pilot-light</c>) and <c>drkit-account:regions</c> the registries (regions) it owns.
/// </summary>
public sealed record AccountStackConfig(IReadOnlyList<string> Members, IReadOnlyList<string> Regions)
{
    public const string Namespace = "drkit-account";
    public const string MembersKey = "members";
    public const string RegionsKey = "regions";

    /// <summary>Validates the raw values Pulumi config returns (JSON lists); every problem names its key.</summary>
    /// <exception cref="StackConfigException">A key is missing, not a list of text values, or names a malformed region.</exception>
    public static AccountStackConfig FromRaw(string origin, string? members, string? regions)
    {
        var location = new ConfigLocation(origin, 0);
        var problems = new List<ConfigProblem>();
        var memberList = List(location, MembersKey, members, problems, "Pulumi stack references such as acme/drkit/pilot-light");
        var regionList = List(location, RegionsKey, regions, problems, "AWS regions such as us-east-1");
        foreach (var region in regionList.Where(r => !StackSpecReader.IsAwsRegion(r)))
        {
            problems.Add(new(location, $"{Namespace}:{RegionsKey}", $"expected AWS regions such as us-east-1, got '{region}'"));
        }

        if (memberList.Distinct(StringComparer.Ordinal).Count() != memberList.Count)
        {
            problems.Add(new(location, $"{Namespace}:{MembersKey}", "lists a stack twice"));
        }

        return problems.Count > 0 ? throw new StackConfigException(problems) : new AccountStackConfig(memberList, regionList);
    }

    private static List<string> List(ConfigLocation location, string key, string? raw, List<ConfigProblem> problems, string expected)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(raw) && JsonSerializer.Deserialize(raw, Json.CoreJsonContext.Default.ListString) is { Count: > 0 } list && list.All(v => !string.IsNullOrWhiteSpace(v)))
            {
                return list;
            }
        }
        catch (JsonException)
        {
        }

        problems.Add(new(location, $"{Namespace}:{key}", $"expected a non-empty list of {expected}, got {(string.IsNullOrWhiteSpace(raw) ? "nothing" : $"'{raw}'")}"));
        return [];
    }
}
