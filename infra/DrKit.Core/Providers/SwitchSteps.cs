using DrKit.Core.Model;
using DrKit.Core.Objectives;

namespace DrKit.Core.Providers;

/// <summary>
/// The steps of one switch away from a failing rung, typical: noticing it, the operator's decision when a person switches
/// (zero for a client-side switch), and the switch itself. The component estimate composes its RTO from the same figures,
/// so the chain table and the component row never show two numbers for one switch.
/// </summary>
/// <param name="Unbounded">Why the detection has no worst case (nothing declared watches the rung), or null.</param>
public sealed record SwitchSteps(TimeSpan Detection, TimeSpan Decision, TimeSpan Switch, string? Unbounded)
{
    /// <summary>The outage one switch costs, typical.</summary>
    public TimeSpan Total => Detection + Decision + Switch;

    /// <summary>The application's client: the rung's health check (interval x threshold), then the switch, with nobody deciding.</summary>
    public static SwitchSteps Client(ProviderRungSpec rung, TimeSpan switchTime) => new(ProviderChain.Detection(rung), TimeSpan.Zero, switchTime, null);

    /// <summary>The terms in words, for the chain table.</summary>
    public string Describe(string failing) =>
        $"detect {failing} down {F(Detection)}{(Unbounded is null ? string.Empty : " typical, no worst case: " + Unbounded)}" +
        (Decision > TimeSpan.Zero ? $" + decision {F(Decision)}" : string.Empty) + $" + switch {F(Switch)}";

    private static string F(TimeSpan t) => DurationText.Format(t);
}
