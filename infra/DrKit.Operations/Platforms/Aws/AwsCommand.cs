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

    /// <summary>The command line as an operator would type it in a POSIX shell: an argument with spaces, quotes or other
    /// characters the shell reads is single-quoted (a script sent through SSM, a JMESPath query).</summary>
    /// <remarks><c>&lt;&gt;[]</c> stay unquoted so the placeholders of a dry run (<c>&lt;output[key]&gt;</c>) read as such.</remarks>
    public string CommandLine => $"{Program} {string.Join(' ', Arguments.Select(a => Cloud.ShellText.Quote(a, "<>[]")))}";

    public override string ToString() => CommandLine;
}
