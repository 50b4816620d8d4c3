using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Gateway;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>
/// Destroys and removes ephemeral stacks, and only those: a stack without the tag <c>drkit:ephemeral=true</c> is
/// refused with a message naming it and the missing tag, and nothing is changed.
/// </summary>
public sealed class TeardownProgram(IStackGateway gateway, TimeProvider time, IFailoverObserver? observer = null)
{
    public const string Name = "teardown";
    public const string FindStack = "FindStack";
    public const string CheckTag = "CheckEphemeralTag";

    public static IReadOnlyList<OperationStep> Plan(string stack) =>
    [
        CommonSteps.PrerequisitesStep(),
        new(FindStack, "gateway.ListStacks()", $"stack {stack} must exist"),
        new(CheckTag, $"tags of {stack}: {DrillProgram.EphemeralTag}=true",
            "only stacks a drill created may be torn down; anything else is refused and left as it is"),
        new("Destroy", $"gateway.Destroy({stack})", "delete every resource of the ephemeral stack"),
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
        RequireEphemeral(info, runner);
        await runner.RunAsync("Destroy", async () =>
        {
            await gateway.DestroyAsync(stack, ct).ConfigureAwait(false);
            return $"resources of {stack} destroyed";
        }).ConfigureAwait(false);
        await runner.RunAsync("Remove", async () =>
        {
            await gateway.RemoveAsync(stack, ct).ConfigureAwait(false);
            return $"stack {stack} removed";
        }).ConfigureAwait(false);
        return new OperationResult(Name, stack, stack, OperationOutcome.Succeeded, runner.Records, time.GetElapsedTime(start), $"Ephemeral stack {stack} destroyed and removed.");
    }

    /// <summary>Ephemeral stacks whose <c>drkit:ttl</c> has passed, for scheduled cleanup.</summary>
    public static IReadOnlyList<string> Expired(IEnumerable<StackInfo> stacks, DateTimeOffset now) =>
    [
        .. stacks.Where(s => IsEphemeral(s)
                && s.Tags.TryGetValue(DrillProgram.TtlTag, out var ttl)
                && DateTimeOffset.TryParse(ttl, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry)
                && expiry <= now)
            .Select(s => s.Name),
    ];

    /// <summary>Backends may list stacks fully qualified (<c>org/project/stack</c>); either form names the stack.</summary>
    public static bool IsNamed(StackInfo info, string stack) =>
        string.Equals(info.Name, stack, StringComparison.Ordinal) || info.Name.EndsWith("/" + stack, StringComparison.Ordinal);

    public static bool IsEphemeral(StackInfo stack) =>
        stack.Tags.TryGetValue(DrillProgram.EphemeralTag, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static void RequireEphemeral(StackInfo info, ProgramRunner runner)
    {
        if (IsEphemeral(info))
        {
            runner.Record(CheckTag, StepOutcome.Completed, $"{DrillProgram.EphemeralTag}=true");
            return;
        }

        var tags = info.Tags.Count == 0 ? "no tags" : "tags: " + string.Join(", ", info.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
        var message = $"Refusing to tear down stack '{info.Name}': it lacks the tag {DrillProgram.EphemeralTag}=true ({tags}). " +
            "Teardown only destroys ephemeral drill stacks; destroy other stacks with 'pulumi destroy' deliberately. Nothing was changed.";
        runner.Record(CheckTag, StepOutcome.Refused, message);
        throw new OperationRefusedException(message);
    }
}
