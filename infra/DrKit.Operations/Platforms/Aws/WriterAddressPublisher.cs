using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Publishes a PostgreSQL tier's new writer address where applications read it without a deployment: <c>aws ssm
/// put-parameter --type String --overwrite</c> of the tier's writer parameter in every serving region, with the
/// Endpoint.Address that <c>describe-db-instances</c> in the new writer's region reports (the instance's real state,
/// never a value from config) (https://docs.aws.amazon.com/cli/latest/reference/ssm/put-parameter.html,
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Endpoint.html). The new writer's region is the copy that
/// counts: its failure is reported as the step's. Every other region's copy (the old primary's) is written only when
/// that region is known to answer: a failover whose fence this run confirmed (a planned switchover), or a failback (both
/// regions up). Otherwise it is not called at all, so a failover in an outage makes no call to the failed region beyond
/// its bounded fence, and the copy there names the old writer until the next <c>pulumi up</c> rewrites it. Each result
/// is reported. A resumed run reads the required copy back (<see cref="ReconcileAsync"/>) instead of trusting an
/// earlier run's bookkeeping.
/// </summary>
public sealed class WriterAddressPublisher(AwsCli aws)
{
    /// <summary>Bound on a best-effort write to a region other than the new writer's.</summary>
    public static readonly TimeSpan BestEffortBound = TimeSpan.FromSeconds(10);

    public static AwsCommand Put(string parameter, string address, string region) =>
        new("ssm", "put-parameter", region, ["--name", parameter, "--value", address, "--type", "String", "--overwrite"]);

    /// <summary>Reads a copy back: <c>Parameter.Value</c> of <c>aws ssm get-parameter</c>
    /// (https://docs.aws.amazon.com/cli/latest/reference/ssm/get-parameter.html).</summary>
    public static AwsCommand Get(string parameter, string region) => new("ssm", "get-parameter", region, ["--name", parameter]);

    /// <summary>
    /// The writes as a dry run lists them, the address read from describe-db-instances at run time. With
    /// <paramref name="everyRegion"/> false (a failover) the other regions' copies are described without naming their
    /// region: whether they are called depends on the fence this run confirms.
    /// </summary>
    public static string Describe(RdsTier writer, bool everyRegion) => writer.WriterParameter is not { } parameter
        ? $"{writer.Component}: no writer parameter (the stack does not export {Core.Operations.OperationsOutputNames.WriterParameter(writer.Component)})"
        : $"{writer.Component}: Endpoint.Address from '{RdsCommands.Describe(writer.ReplicaInstance, writer.RecoveryRegion)}', then " + (everyRegion
            ? string.Join("; ", Order(writer).Select(r => $"{Put(parameter, "<Endpoint.Address>", r)}" +
                (r == writer.RecoveryRegion ? " (required)" : $" (best effort, bounded {Core.Objectives.DurationText.Format(BestEffortBound)})")))
            : $"{Put(parameter, "<Endpoint.Address>", writer.RecoveryRegion)} (required); the old primary region's copy only when this run confirmed " +
              $"its fence (the region answered: a planned switchover), the same put-parameter there, best effort, bounded {Core.Objectives.DurationText.Format(BestEffortBound)}; " +
              "otherwise not called: that copy names the old writer until the next pulumi up");

    /// <summary>Writes <paramref name="address"/> (read from the new writer in <see cref="RdsTier.RecoveryRegion"/>, the region the
    /// tier promotes in) to the new writer region's copy and, when <paramref name="othersAnswer"/>, to every other serving
    /// region's; never throws for a failed write, it reports it.</summary>
    public async Task<WriterPublication> PublishAsync(RdsTier writer, string? address, bool othersAnswer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.WriterParameter is not { } parameter)
        {
            return new WriterPublication(writer.Component, null, address, []);
        }

        if (string.IsNullOrEmpty(address))
        {
            return new WriterPublication(writer.Component, parameter, null,
                [new RegionWrite(writer.RecoveryRegion, Required: true, $"NOT WRITTEN: describe-db-instances reports no Endpoint.Address for {writer.ReplicaInstance}")]);
        }

        var bounded = aws.Bounded(BestEffortBound);
        var writes = await Task.WhenAll(Order(writer).Select(async region =>
        {
            var required = region == writer.RecoveryRegion;
            if (!required && !othersAnswer)
            {
                return new RegionWrite(region, false, "NOT CALLED (this run did not confirm the region answers): it names the old writer until the next pulumi up");
            }

            try
            {
                await (required ? aws : bounded).RunAsync(Put(parameter, address, region), ct).ConfigureAwait(false);
                return new RegionWrite(region, required, "written") { Written = true };
            }
            catch (CloudCommandFailedException e)
            {
                return new RegionWrite(region, required, $"NOT WRITTEN ({(required ? "required" : "best effort")}): {e.Message}");
            }
        })).ConfigureAwait(false);
        return new WriterPublication(writer.Component, parameter, address, writes);
    }

    /// <summary>
    /// Reads the new writer region's copy back and compares it with <paramref name="address"/> (describe-db-instances'
    /// Endpoint.Address); when it differs, is missing or cannot be read, writes it again (that region only: this run
    /// learnt nothing of the others). Null when the stack declares no parameter.
    /// </summary>
    public async Task<WriterPublication?> ReconcileAsync(RdsTier writer, string? address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.WriterParameter is not { } parameter)
        {
            return null;
        }

        string held;
        try
        {
            var read = await aws.RunAsync(Get(parameter, writer.RecoveryRegion), ct).ConfigureAwait(false);
            held = (read.TryGetProperty("Parameter", out var p) ? AwsCli.Text(p, "Value") : null) ?? "(no value)";
        }
        catch (CloudCommandFailedException e)
        {
            held = $"unreadable: {e.Message}";
        }

        if (address is not null && string.Equals(held, address, StringComparison.Ordinal))
        {
            return new WriterPublication(writer.Component, parameter, address, [new RegionWrite(writer.RecoveryRegion, true, "read back, holds it") { Written = true }]);
        }

        var again = await PublishAsync(writer, address, othersAnswer: false, ct).ConfigureAwait(false);
        return again with { Writes = [.. again.Writes.Select(w => w.Required ? w with { Result = $"read back '{held}', {w.Result}" } : w)] };
    }

    /// <summary>What the run's promotions published, for the Promote step's detail; empty when no tier published.</summary>
    public static string Report(IEnumerable<Failover.IDataPromoter> promoters) =>
        string.Join("; ", Publications(promoters).Select(p => p.Text));

    /// <summary>Why the run cannot count as done although the writers moved: a new writer's region does not hold its
    /// address, so that region's applications still connect to the old writer. Null when every required copy was written.</summary>
    public static string? Failure(IEnumerable<Failover.IDataPromoter> promoters)
    {
        var missed = Publications(promoters).Where(p => !p.RequiredWritten).ToList();
        return missed.Count == 0 ? null :
            "The writer moved, but its address was not published where applications read it: " + string.Join("; ", missed.Select(p => p.Text)) +
            ". Write it by hand: " + string.Join("; ", missed.SelectMany(p => p.Writes.Where(w => w.Required)
                .Select(w => Put(p.Parameter!, p.Address ?? "<Endpoint.Address from describe-db-instances>", w.Region).CommandLine))) + ".";
    }

    private static IEnumerable<WriterPublication> Publications(IEnumerable<Failover.IDataPromoter> promoters) =>
        promoters.OfType<RdsReplicaPromoter>().Select(p => p.Publication).OfType<WriterPublication>();

    /// <summary>The new writer's region first, then the others in the tier's order.</summary>
    private static IEnumerable<string> Order(RdsTier writer) =>
        writer.ParameterRegions.Where(r => r == writer.RecoveryRegion).Concat(writer.ParameterRegions.Where(r => r != writer.RecoveryRegion)).Distinct(StringComparer.Ordinal);
}

/// <summary>One region's copy of a writer parameter: whether it was the required one, and what happened.</summary>
public sealed record RegionWrite(string Region, bool Required, string Result)
{
    /// <summary>The region holds the address: written by this run, or read back holding it.</summary>
    public bool Written { get; init; }
}

/// <summary>What a writer move published: the parameter, the address read from RDS and each region's write.</summary>
public sealed record WriterPublication(string Component, string? Parameter, string? Address, IReadOnlyList<RegionWrite> Writes)
{
    /// <summary>The new writer's region holds the address (or the stack declares no parameter, so there is nothing to hold).</summary>
    public bool RequiredWritten => Parameter is null || Writes.Any(w => w.Required && w.Written);

    /// <summary>For the run's report.</summary>
    public string Text => Parameter is null
        ? $"{Component}: no writer parameter declared by the deployed stack; clients follow {Core.Operations.OperationsOutputNames.WriterEndpoint(Component)} after the next up"
        : $"{Component}: {Parameter} = {Address ?? "(unknown)"}: " + string.Join(", ", Writes.Select(w => $"{w.Region} {w.Result}"));
}
