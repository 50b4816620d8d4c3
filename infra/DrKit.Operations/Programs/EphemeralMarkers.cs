using System.Globalization;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Programs;

/// <summary>
/// Whether a stack is ephemeral (a drill created it) and when it expires, from its config markers
/// (<c>drkit-ops:ephemeral</c>, <c>drkit-ops:ttl</c>; every backend) or its tags (<c>drkit:ephemeral</c>, <c>drkit:ttl</c>;
/// backends with stack tags). Either place counts.
/// </summary>
public sealed record EphemeralMarkers(bool Ephemeral, DateTimeOffset? Expiry, string Evidence)
{
    public static EphemeralMarkers Of(StackInfo stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var tag = stack.Tags.GetValueOrDefault(DrillProgram.EphemeralTag);
        var config = stack.Config?.GetValueOrDefault(OpsConfig.Ephemeral)?.Value;
        var ephemeral = IsTrue(tag) || IsTrue(config);
        var evidence = IsTrue(config) ? $"config {OpsConfig.Ephemeral}=true"
            : IsTrue(tag) ? $"tag {DrillProgram.EphemeralTag}=true"
            : $"tag {DrillProgram.EphemeralTag}: {tag ?? "not set"}; config {OpsConfig.Ephemeral}: {(stack.Config is null ? "not read" : config ?? "not set")}";
        var expiries = new[] { stack.Config?.GetValueOrDefault(OpsConfig.Ttl)?.Value, stack.Tags.GetValueOrDefault(DrillProgram.TtlTag) }
            .Select(Time).Where(t => t is not null).ToList();
        return new EphemeralMarkers(ephemeral, expiries.Count == 0 ? null : expiries.Min(), evidence);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
