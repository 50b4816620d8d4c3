using DrKit.Core.Model;
using DrKit.Core.Planning;

namespace DrKit.Core.Providers;

/// <summary>One write of a chain's switch parameter: which rung the application in <paramref name="Region"/> uses from now on.</summary>
public sealed record ProviderSwitch(string Component, string Parameter, string Region, string Rung, string Why);

/// <summary>
/// Decides, for a failover out of a failed region, the rung each parameter-switched chain's application in the recovery
/// region should use: the first rung that neither lives in the failed region nor is named down by the operator, preferring
/// one that keeps retrieval over an earlier one whose embeddings do not fit the index. Hosted
/// APIs and Azure OpenAI do not fail with an AWS region; Bedrock fails with its region; the stack's own endpoint
/// survives where it has an endpoint in the recovery region. When no rung survives, the value is
/// <see cref="Degraded"/>: the application runs its degraded mode.
/// </summary>
public static class ProviderFailover
{
    public const string Degraded = "degraded";

    public static IReadOnlyList<ProviderSwitch> Decide(IEnumerable<ComponentPlan> components, string failedRegion, string recoveryRegion, IReadOnlyCollection<string> down)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(down);
        var all = components.ToList();
        var endpoints = all.Where(c => c.Settings is EndpointSettings).ToDictionary(c => c.Name, c => (EndpointSettings)c.Settings, StringComparer.Ordinal);
        var switches = new List<ProviderSwitch>();
        foreach (var c in all)
        {
            if (c.Settings is not ModelProviderSettings { SwitchParameter: { } parameter } chain)
            {
                continue;
            }

            var skipped = new List<string>();
            var surviving = new List<ProviderRungSpec>();
            foreach (var rung in chain.Providers)
            {
                var lost = Lost(rung, failedRegion, recoveryRegion, endpoints, down);
                if (lost is null)
                {
                    surviving.Add(rung);
                }
                else
                {
                    skipped.Add($"{rung.Name} {lost}");
                }
            }

            // A surviving rung whose embeddings do not fit the index returns nonsense from retrieval; a later survivor
            // that keeps retrieval serves better, so it wins. Only when every survivor breaks retrieval is the first taken.
            var target = surviving.FirstOrDefault(r => !ModelSwitch.BreaksRetrieval(chain, r.Name)) ?? surviving.FirstOrDefault();
            var passed = target is null ? [] : surviving.TakeWhile(r => r != target).Select(r => $"{r.Name} would break retrieval").ToList();
            skipped.AddRange(passed);
            var why = skipped.Count == 0
                ? $"{target!.Name} does not depend on {failedRegion}"
                : target is null
                    ? $"no rung survives ({string.Join("; ", skipped)}): the application runs its degraded mode"
                    : $"{target.Name} is the first rung that survives{(passed.Count == 0 ? "" : " and keeps retrieval")} ({string.Join("; ", skipped)})";
            switches.Add(new ProviderSwitch(c.Name, parameter, recoveryRegion, target?.Name ?? Degraded, why));
        }

        return switches;
    }

    /// <summary>Every rung name of the plan's parameter-switched chains, which <c>--provider-down</c> may name.</summary>
    public static IReadOnlySet<string> RungNames(IEnumerable<ComponentPlan> components) =>
        components.Select(c => c.Settings).OfType<ModelProviderSettings>().SelectMany(s => s.Providers).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private static string? Lost(ProviderRungSpec rung, string failed, string recovery, Dictionary<string, EndpointSettings> endpoints, IReadOnlyCollection<string> down)
    {
        if (down.Contains(rung.Name))
        {
            return "is down";
        }

        return rung.Provider switch
        {
            ProviderType.Bedrock when rung.Region == failed => $"is Bedrock in {failed}",
            ProviderType.InferenceEndpoint when !(endpoints.GetValueOrDefault(rung.Endpoint!)?.Endpoints.ContainsKey(recovery) ?? false) =>
                $"serves from {rung.Endpoint}, which has no endpoint in {recovery}",
            _ => null,
        };
    }
}
