using System.Globalization;
using DrKit.Core.Planning;

namespace DrKit.Core.Operations;

/// <summary>Endpoints (host:port) of a data component's members as deployed; empty text when a member does not exist.</summary>
public sealed record TierEndpoints(string Primary, string Recovery)
{
    public static TierEndpoints None { get; } = new(string.Empty, string.Empty);
}

/// <summary>
/// Everything a stack declares and reports differently because of DR operations, decided from the plan and the
/// <c>drkit-ops:*</c> state: data tiers, traffic, recovery compute and the flat outputs operations read back.
/// </summary>
public sealed record StackOperations(
    DrPlan Plan,
    OperationsState State,
    IReadOnlyDictionary<string, DataTierState> Tiers,
    TrafficState Traffic,
    RecoveryCompute Recovery)
{
    public static StackOperations Decide(DrPlan plan, OperationsState state)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        var tiers = plan.Components.Where(c => OperationsKeys.IsDataComponent(c.Kind))
            .ToDictionary(c => c.Name, c => DataTierState.Decide(c, plan, state), StringComparer.Ordinal);
        return new StackOperations(plan, state, tiers, TrafficState.Decide(plan, state), RecoveryCompute.Decide(plan, state));
    }

    /// <summary>Region -> health-check URL of the inference endpoint there (<c>https://host[:port]/path</c>).</summary>
    public IReadOnlyDictionary<string, string> EndpointUrls()
    {
        var t = Plan.Traffic;
        var path = t.HealthCheckPath.StartsWith('/') ? t.HealthCheckPath : "/" + t.HealthCheckPath;
        var port = t.Port == 443 ? string.Empty : ":" + t.Port.ToString(CultureInfo.InvariantCulture);
        return t.Endpoints.ToDictionary(e => e.Key, e => $"https://{e.Value}{port}{path}", StringComparer.Ordinal);
    }

    /// <summary>
    /// The flat outputs of docs/operations.md, all text. Lag and recovery-point outputs are left out: a deployment
    /// cannot know them, and operations treat a missing one as unknown.
    /// </summary>
    /// <param name="endpoints">Component -> deployed member endpoints; a data component missing here reports empty endpoints.</param>
    public IReadOnlyDictionary<string, string> FlatOutputs(IReadOnlyDictionary<string, TierEndpoints> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tier in Tiers.Values)
        {
            var e = endpoints.GetValueOrDefault(tier.Component) ?? TierEndpoints.None;
            outputs[OperationsOutputNames.PrimaryEndpoint(tier.Component)] = e.Primary;
            outputs[OperationsOutputNames.RecoveryEndpoint(tier.Component)] = tier.RecoveryRegion is null ? string.Empty : e.Recovery;
            outputs[OperationsOutputNames.RecoveryRole(tier.Component)] = tier.RecoveryRole;
            outputs[OperationsOutputNames.Fenced(tier.Component)] = tier.Fenced ? "true" : "false";
            outputs[OperationsOutputNames.WriterRegion(tier.Component)] = tier.WriterRegion;
        }

        outputs[OperationsOutputNames.RecoveryAvailable] = Text(Recovery.Available);
        outputs[OperationsOutputNames.RecoveryRunning] = Text(Recovery.Running);
        outputs[OperationsOutputNames.TrafficActiveRegion] = Traffic.ActiveRegion;
        outputs[OperationsOutputNames.TrafficPercent] = Text(Traffic.Percent);
        foreach (var (region, url) in EndpointUrls())
        {
            outputs[OperationsOutputNames.Endpoint(region)] = url;
        }

        return outputs;
    }

    /// <summary>"host:port", or empty text when the host is unknown.</summary>
    public static string HostPort(string? host, int port) =>
        string.IsNullOrEmpty(host) ? string.Empty : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
