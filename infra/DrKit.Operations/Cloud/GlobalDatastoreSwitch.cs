using System.Text.Json;
using DrKit.Operations.Adapters;
using DrKit.Operations.Contract;
using DrKit.Operations.Gateway;
using OperationsOutputNames = DrKit.Core.Operations.OperationsOutputNames;

namespace DrKit.Operations.Cloud;

/// <summary>
/// Switches a Redis Global Datastore's primary to another region with the AWS CLI. It cannot go through the stack:
/// the provider replaces a GlobalReplicationGroup whose <c>primaryReplicationGroupId</c> changes, so the stack ignores
/// that field and only records the writer region from <c>drkit-ops:writerRegion.&lt;c&gt;</c>. Steps: describe (a
/// member already primary needs no failover), <c>failover-global-replication-group</c>, poll the describe until the
/// member in the target region is PRIMARY, then set the writer region on the stack and deploy it.
/// </summary>
public sealed class GlobalDatastoreSwitch(ICloudCommand cli, TimeProvider time)
{
    public const string Program = "aws";

    /// <summary>How long the member may take to report PRIMARY after the failover call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Bound on each single CLI call.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<string> VersionArguments { get; } = ["--version"];

    /// <summary>
    /// <c>aws elasticache failover-global-replication-group</c>; sent to the target region's endpoint, which stays
    /// reachable when the old primary region is the one that failed.
    /// </summary>
    public static IReadOnlyList<string> FailoverArguments(GlobalDatastoreMember target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return
        [
            "elasticache", "failover-global-replication-group",
            "--global-replication-group-id", target.GlobalDatastoreId,
            "--primary-region", target.Region,
            "--primary-replication-group-id", target.ReplicationGroupId,
            "--region", target.Region,
        ];
    }

    public static IReadOnlyList<string> DescribeArguments(GlobalDatastoreMember target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return
        [
            "elasticache", "describe-global-replication-groups",
            "--global-replication-group-id", target.GlobalDatastoreId,
            "--show-member-info",
            "--region", target.Region,
            "--output", "json",
        ];
    }

    /// <summary>The command lines a switch of <paramref name="component"/> to <paramref name="region"/> runs, ids named by their outputs (dry runs).</summary>
    public static string Describe(string component, string region)
    {
        var placeholder = new GlobalDatastoreMember(component, $"<{OperationsOutputNames.RedisGlobalDatastoreIds}[{component}]>", region,
            $"<{OperationsOutputNames.RedisReplicationGroupIds}[{component}][{region}]>");
        return $"{CommandLine(FailoverArguments(placeholder))}; poll '{CommandLine(DescribeArguments(placeholder))}' until the {region} member is PRIMARY";
    }

    public static string CommandLine(IReadOnlyList<string> arguments) => $"{Program} {string.Join(' ', arguments)}";

    /// <summary>Checks that the AWS CLI runs; programs call this before their first change.</summary>
    /// <exception cref="CloudCliMissingException">The AWS CLI is not installed or does not run.</exception>
    public async Task<string> EnsureAvailableAsync(CancellationToken ct)
    {
        var result = await RunAsync(VersionArguments, ct).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput.Trim()
            : throw new CloudCliMissingException(Program, $"'aws --version' failed (exit {result.ExitCode}): {result.StandardError.Trim()}. {InstallHint}");
    }

    /// <summary>Makes <paramref name="target"/> the primary of its Global Datastore and waits until AWS reports it so.</summary>
    /// <returns>What happened, for the step record.</returns>
    public async Task<string> MakePrimaryAsync(GlobalDatastoreMember target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var before = await DescribeAsync(target, ct).ConfigureAwait(false);
        if (before.Role is null)
        {
            throw new CloudCommandFailedException(
                $"Global Datastore {target.GlobalDatastoreId} ({target.Component}) has no member {target.ReplicationGroupId} in {target.Region}; " +
                $"members: {before.Members}. Nothing was changed.");
        }

        if (IsPrimary(before.Role))
        {
            return $"{target.Component}: {target.ReplicationGroupId} in {target.Region} is already the Global Datastore primary";
        }

        var failover = await RunAsync(FailoverArguments(target), ct).ConfigureAwait(false);
        if (!failover.Succeeded)
        {
            throw new CloudCommandFailedException(
                $"'{CommandLine(FailoverArguments(target))}' failed (exit {failover.ExitCode}): {failover.StandardError.Trim()}. " +
                "The Global Datastore primary was not switched; the stack was not changed by this step.");
        }

        var deadline = time.GetUtcNow() + Timeout;
        var last = string.Empty;
        while (true)
        {
            try
            {
                var now = await DescribeAsync(target, ct).ConfigureAwait(false);
                if (now.Role is { } role && IsPrimary(role))
                {
                    return $"{target.Component}: {target.ReplicationGroupId} in {target.Region} is the Global Datastore primary ({target.GlobalDatastoreId})";
                }

                last = $"role {now.Role ?? "(member missing)"}";
            }
            catch (CloudCommandFailedException e)
            {
                // During a failover the describe call may fail for a moment; only the deadline ends the wait.
                last = e.Message;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new CloudCommandFailedException(
                    $"Global Datastore {target.GlobalDatastoreId} ({target.Component}): the {target.Region} member {target.ReplicationGroupId} " +
                    $"is not PRIMARY {Core.Objectives.DurationText.Format(Timeout)} after the failover call (last: {last}). " +
                    $"Check it with '{CommandLine(DescribeArguments(target))}'.");
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The role (PRIMARY, SECONDARY) AWS reports for <paramref name="target"/>, read in its own region; null when it is no member.</summary>
    public async Task<string?> RoleAsync(GlobalDatastoreMember target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (await DescribeAsync(target, ct).ConfigureAwait(false)).Role;
    }

    /// <summary>
    /// The whole switch for one component: ids from the stack's outputs, the AWS CLI failover and poll, then
    /// <c>drkit-ops:writerRegion.&lt;c&gt;=&lt;region&gt;</c> and an <c>up</c> so the stack records the writer.
    /// </summary>
    /// <returns>The stack's outputs after the <c>up</c>.</returns>
    public async Task<StackOutputs> SwitchAsync(StackTarget target, string component, string region, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var outputs = await target.OutputsAsync(ct).ConfigureAwait(false);
        await MakePrimaryAsync(GlobalDatastoreMember.From(outputs, target.Stack, component, region), ct).ConfigureAwait(false);
        return await target.ApplyAsync(OpsConfig.WriterRegion(component), region, ct).ConfigureAwait(false);
    }

    private const string InstallHint =
        "DrKit switches Redis Global Datastore primaries with the AWS CLI: install AWS CLI v2 " +
        "(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and make sure 'aws --version' runs in this shell.";

    private async Task<CloudCommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        try
        {
            return await cli.RunAsync(Program, arguments, CommandTimeout, ct).ConfigureAwait(false);
        }
        catch (CloudCliMissingException e)
        {
            throw new CloudCliMissingException(Program, $"The AWS CLI ('aws') was not found on PATH. {InstallHint} Nothing was changed by this step.", e);
        }
        catch (TimeoutException e)
        {
            throw new CloudCommandFailedException(e.Message, e);
        }
    }

    /// <summary>
    /// One describe, read in <paramref name="target"/>'s region: its own role, and the role AWS reports for the members
    /// outside its region (the old primary's, for a recovery member): PRIMARY when one of them still is, else the first
    /// one's role; null when there is no other member.
    /// </summary>
    public async Task<(string? Role, string? OthersRole)> RolesAsync(GlobalDatastoreMember target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var read = await DescribeAsync(target, ct).ConfigureAwait(false);
        var others = read.All.Where(m => !string.Equals(m.Region, target.Region, StringComparison.Ordinal)).ToList();
        return (read.Role, others.Count == 0 ? null : others.Any(m => IsPrimary(m.Role)) ? "PRIMARY" : others[0].Role);
    }

    private async Task<(string? Role, string Members, IReadOnlyList<(string Group, string Region, string Role)> All)> DescribeAsync(GlobalDatastoreMember target, CancellationToken ct)
    {
        var result = await RunAsync(DescribeArguments(target), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CloudCommandFailedException(
                $"'{CommandLine(DescribeArguments(target))}' failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        try
        {
            using var document = JsonDocument.Parse(result.StandardOutput);
            var members = new List<(string Group, string Region, string Role)>();
            if (document.RootElement.TryGetProperty("GlobalReplicationGroups", out var groups) && groups.ValueKind == JsonValueKind.Array)
            {
                foreach (var group in groups.EnumerateArray())
                {
                    if (group.TryGetProperty("Members", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        members.AddRange(list.EnumerateArray().Select(m => (Text(m, "ReplicationGroupId"), Text(m, "ReplicationGroupRegion"), Text(m, "Role"))));
                    }
                }
            }

            var match = members.FindIndex(m => string.Equals(m.Region, target.Region, StringComparison.Ordinal)
                && string.Equals(m.Group, target.ReplicationGroupId, StringComparison.Ordinal));
            var shown = members.Count == 0 ? "none" : string.Join(", ", members.Select(m => $"{m.Group} in {m.Region} ({m.Role})"));
            return (match < 0 ? null : members[match].Role, shown, members);
        }
        catch (JsonException e)
        {
            throw new CloudCommandFailedException($"'{CommandLine(DescribeArguments(target))}' printed no JSON DrKit can read ({e.Message}).", e);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static bool IsPrimary(string role) => string.Equals(role, "PRIMARY", StringComparison.OrdinalIgnoreCase);
}
