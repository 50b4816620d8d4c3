namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// One Azure CLI call with the region of the resource it addresses. <c>az</c> has no region flag: the resource group
/// (and the resource's name) select the resource, and ARM serves the call from that group's region
/// (https://learn.microsoft.com/azure/azure-resource-manager/management/overview#resource-group-location-alignment), so
/// <see cref="Region"/> is what a dry run prints beside the command and what a test checks no call before traffic
/// moved names the failed region.
/// </summary>
/// <param name="Words">The command group and verb, e.g. <c>postgres flexible-server replica promote</c>.</param>
/// <param name="Region">Region of the resource group the call targets.</param>
/// <param name="Options">Everything after the verb (always with <c>--resource-group</c> where the command takes one).</param>
public sealed record AzCommand(string Words, string Region, IReadOnlyList<string> Options)
{
    public const string Program = "az";

    /// <summary><c>az version</c> as JSON: the CLI is on PATH (no cloud call).</summary>
    public static readonly IReadOnlyList<string> VersionArguments = ["version", "--output", "json"];

    /// <summary>The arguments after <c>az</c>; JSON output so replies are read the same way everywhere.</summary>
    public IReadOnlyList<string> Arguments => [.. Words.Split(' '), .. Options, "--output", "json"];

    /// <summary>The command line as an operator would type it in a POSIX shell.</summary>
    public string CommandLine => $"{Program} {string.Join(' ', Arguments.Select(a => Cloud.ShellText.Quote(a, "<>[]")))}";

    /// <summary>How a dry run prints the call: the exact command and the region it goes to.</summary>
    public string Describe() => $"`{CommandLine}` [{Region}]";

    public override string ToString() => CommandLine;
}
