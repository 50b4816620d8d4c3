namespace DrKit.Operations.Platforms.Aws;

/// <summary>
/// One AWS CLI call with its region always explicit, so a dry run can print it for an operator to review or run by
/// hand, and a test can check that no call before traffic moved goes to the failed region.
/// </summary>
/// <param name="Service">CLI service, e.g. <c>rds</c>.</param>
/// <param name="Operation">CLI operation, e.g. <c>promote-read-replica</c>.</param>
/// <param name="Region">Region whose endpoint receives the call.</param>
/// <param name="Options">Everything between the operation and <c>--region</c>.</param>
public sealed record AwsCommand(string Service, string Operation, string Region, IReadOnlyList<string> Options)
{
    public const string Program = "aws";

    /// <summary>The arguments after <c>aws</c>; JSON output so replies are read the same way everywhere.</summary>
    public IReadOnlyList<string> Arguments => [Service, Operation, .. Options, "--region", Region, "--output", "json"];

    /// <summary>The command line as an operator would type it.</summary>
    public string CommandLine => $"{Program} {string.Join(' ', Arguments)}";

    public override string ToString() => CommandLine;
}
