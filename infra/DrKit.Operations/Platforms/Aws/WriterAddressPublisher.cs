using DrKit.Operations.Cloud;

namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// Publishes a PostgreSQL tier's new writer address where applications read it without a deployment: <c>aws ssm
/// put-parameter --type String --overwrite</c> of the tier's writer parameter in every serving region, with the
/// Endpoint.Address that <c>describe-db-instances</c> in the new writer's region reports (the instance's real state,
/// never a value from config) (https://docs.aws.amazon.com/cli/latest/reference/ssm/put-parameter.html,
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Endpoint.html). The new writer's region is the copy that
/// counts: its failure is reported as the step's. Every other region's copy (the failed primary's among them) is best
/// effort under a short bound and runs beside it, so a region in an outage adds at most that bound and fails nothing;
/// each result is reported.
/// </summary>
public sealed class WriterAddressPublisher(AwsCli aws)
{
    /// <summary>Bound on a best-effort write to a region other than the new writer's.</summary>
    public static readonly TimeSpan BestEffortBound = TimeSpan.FromSeconds(10);

    public static AwsCommand Put(string parameter, string address, string region) =>
        new("ssm", "put-parameter", region, ["--name", parameter, "--value", address, "--type", "String", "--overwrite"]);

    /// <summary>The writes as a dry run lists them, the address read from describe-db-instances at run time.</summary>
    public static string Describe(RdsTier writer) => writer.WriterParameter is not { } parameter
        ? $"{writer.Component}: no writer parameter (the stack does not export {Core.Operations.OperationsOutputNames.WriterParameter(writer.Component)})"
        : $"{writer.Component}: Endpoint.Address from '{RdsCommands.Describe(writer.ReplicaInstance, writer.RecoveryRegion)}', then " +
          string.Join("; ", Order(writer).Select(r => $"{Put(parameter, "<Endpoint.Address>", r)}" +
              (r == writer.RecoveryRegion ? " (required)" : $" (best effort, bounded {Core.Objectives.DurationText.Format(BestEffortBound)})")));

    /// <summary>Writes <paramref name="address"/> (read from the new writer in <see cref="RdsTier.RecoveryRegion"/>, the region the
    /// tier promotes in) to every serving region's copy; never throws for a failed write, it reports it.</summary>
    public async Task<WriterPublication> PublishAsync(RdsTier writer, string? address, CancellationToken ct)
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
            try
            {
                await (required ? aws : bounded).RunAsync(Put(parameter, address, region), ct).ConfigureAwait(false);
                return new RegionWrite(region, required, "written");
            }
            catch (CloudCommandFailedException e)
            {
                return new RegionWrite(region, required, $"NOT WRITTEN ({(required ? "required" : "best effort")}): {e.Message}");
            }
        })).ConfigureAwait(false);
        return new WriterPublication(writer.Component, parameter, address, writes);
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
    public bool Written => Result == "written";
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
