using DrKit.Failover;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using DrKit.Operations.Platforms.Aws;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>
/// Destroys and removes ephemeral stacks, and only those: a stack needs the config marker <c>drkit-ops:ephemeral=true</c>
/// (every backend) or the tag <c>drkit:ephemeral=true</c> (backends with stack tags). Any other stack is refused with a
/// message naming it and the missing marker, and nothing is changed. What the stack's resources leave behind when they
/// are deleted (the log groups Synthetics creates for each outage canary, <see cref="CanaryLogGroups"/>) is deleted after
/// Destroy when a cloud command port is given.
/// </summary>
public sealed class TeardownProgram(IStackGateway gateway, TimeProvider time, IFailoverObserver? observer = null, CanaryLogGroups? logs = null)
{
    public const string Name = "teardown";
    public const string FindStack = "FindStack";
    public const string CheckMarker = "CheckEphemeralMarker";
    public const string DeleteCanaryLogs = "DeleteCanaryLogGroups";

    public static IReadOnlyList<OperationStep> Plan(string stack) =>
    [
        CommonSteps.PrerequisitesStep(),
        new(FindStack, "gateway.ListStacks()", $"stack {stack} must exist"),
        new(CheckMarker, $"tags of {stack}: {DrillProgram.EphemeralTag}=true, or else gateway.GetConfig({stack}): {OpsConfig.Ephemeral}=true",
            "only stacks a drill created may be torn down; anything else is refused and left as it is (config works on every backend, tags only on some)"),
        new("Destroy", $"gateway.Destroy({stack}) (its canaryNames and planSummary outputs are read first)", "delete every resource of the ephemeral stack"),
        new(DeleteCanaryLogs, CanaryLogGroups.PlanText(stack),
            "Synthetics leaves each canary's log groups behind (retention: never expire); each call bounded by the AWS CLI timeout, a group already gone is fine"),
        new("Remove", $"gateway.Remove({stack})", "delete the stack and its config"),
    ];

    public async Task<OperationResult> RunAsync(string stack, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        var start = time.GetTimestamp();
        var runner = new ProgramRunner(time, observer, stack);
        await runner.RunAsync(CommonSteps.Prerequisites, async () =>
        {
            await gateway.EnsureReadyAsync(ct).ConfigureAwait(false);
            return "pulumi CLI and credentials present";
        }).ConfigureAwait(false);
        var info = await runner.RunAsync(FindStack, async () =>
        {
            var stacks = await gateway.ListStacksAsync(ct).ConfigureAwait(false);
            var found = stacks.FirstOrDefault(s => IsNamed(s, stack))
                ?? throw new StackNotFoundException(stack,
                    $"No stack named '{stack}' exists (known: {(stacks.Count == 0 ? "none" : string.Join(", ", stacks.Select(s => s.Name)))}). Nothing was changed.");
            return (found, $"found {stack}");
        }).ConfigureAwait(false);
        await RequireEphemeralAsync(info, stack, runner, ct).ConfigureAwait(false);
        // Destroy empties the outputs, so the canaries are located first.
        IReadOnlyList<(string Name, string Region)> canaries = logs is null ? [] : CanaryLogGroups.Of(await gateway.GetOutputsAsync(stack, ct).ConfigureAwait(false), stack);
        await runner.RunAsync("Destroy", async () =>
        {
            await gateway.DestroyAsync(stack, ct).ConfigureAwait(false);
            return $"resources of {stack} destroyed";
        }).ConfigureAwait(false);
        if (logs is not null)
        {
            await runner.RunAsync(DeleteCanaryLogs, async () =>
            {
                var deleted = await logs.DeleteAsync(canaries, ct).ConfigureAwait(false);
                return canaries.Count == 0 ? $"{stack} declared no outage canaries"
                    : deleted.Count == 0 ? $"no log group left by {canaries.Count} canaries"
                    : $"deleted {string.Join(", ", deleted)}";
            }).ConfigureAwait(false);
        }

        await runner.RunAsync("Remove", async () =>
        {
            await gateway.RemoveAsync(stack, ct).ConfigureAwait(false);
            return $"stack {stack} removed";
        }).ConfigureAwait(false);
        return new OperationResult(Name, stack, stack, OperationOutcome.Succeeded, runner.Records, time.GetElapsedTime(start), $"Ephemeral stack {stack} destroyed and removed.");
    }

    /// <summary>Ephemeral stacks whose ttl (config <c>drkit-ops:ttl</c> or tag <c>drkit:ttl</c>) has passed.</summary>
    /// <param name="stacks">Stacks with their tags and, where read, their config.</param>
    public static IReadOnlyList<string> Expired(IEnumerable<StackInfo> stacks, DateTimeOffset now) =>
    [
        .. stacks.Select(s => (s.Name, Markers: EphemeralMarkers.Of(s)))
            .Where(s => s.Markers is { Ephemeral: true, Expiry: { } expiry } && expiry <= now)
            .Select(s => s.Name),
    ];

    /// <summary>Lists the backend's stacks, reads the config of those not tagged ephemeral, and returns the expired ones (cleanup jobs).</summary>
    public async Task<IReadOnlyList<string>> FindExpiredAsync(CancellationToken ct)
    {
        var stacks = await gateway.ListStacksAsync(ct).ConfigureAwait(false);
        var read = new List<StackInfo>();
        foreach (var stack in stacks)
        {
            var tagged = EphemeralMarkers.Of(stack) is { Ephemeral: true, Expiry: not null };
            read.Add(tagged ? stack : stack with { Config = await gateway.GetConfigAsync(stack.Name, ct).ConfigureAwait(false) });
        }

        return Expired(read, time.GetUtcNow());
    }

    /// <summary>Backends may list stacks fully qualified (<c>org/project/stack</c>); either form names the stack.</summary>
    public static bool IsNamed(StackInfo info, string stack) =>
        string.Equals(info.Name, stack, StringComparison.Ordinal) || info.Name.EndsWith("/" + stack, StringComparison.Ordinal);

    /// <summary>True when the tag or (where read) the config marks the stack ephemeral.</summary>
    public static bool IsEphemeral(StackInfo stack) => EphemeralMarkers.Of(stack).Ephemeral;

    private async Task RequireEphemeralAsync(StackInfo info, string stack, ProgramRunner runner, CancellationToken ct)
    {
        var markers = EphemeralMarkers.Of(info);
        if (!markers.Ephemeral)
        {
            // DIY backends keep no tags: the config marker is the one every drill stack carries.
            markers = EphemeralMarkers.Of(info with { Config = await gateway.GetConfigAsync(stack, ct).ConfigureAwait(false) });
        }

        if (markers.Ephemeral)
        {
            runner.Record(CheckMarker, StepOutcome.Completed, markers.Evidence);
            return;
        }

        var tags = info.Tags.Count == 0 ? "no tags" : "tags: " + string.Join(", ", info.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        var message = $"Refusing to tear down stack '{info.Name}': it is not marked ephemeral; it has neither the config {OpsConfig.Ephemeral}=true " +
            $"nor the tag {DrillProgram.EphemeralTag}=true ({markers.Evidence}; {tags}). " +
            "Teardown only destroys ephemeral drill stacks; destroy other stacks with 'pulumi destroy' deliberately. Nothing was changed.";
        runner.Record(CheckMarker, StepOutcome.Refused, message);
        throw new OperationRefusedException(message);
    }
}
