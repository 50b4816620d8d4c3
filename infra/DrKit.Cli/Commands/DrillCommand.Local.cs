using System.CommandLine;

namespace DrKit.Cli.Commands;

/// <summary>
/// The <c>--local</c> side of <c>drkit drill</c>. This is the hook the local drill plugs into: implement
/// <c>AddLocalOptions</c> (a partial method declared in DrillCommand.cs) for its options and replace the body of
/// <see cref="RunLocalAsync"/>.
/// </summary>
public static partial class DrillCommand
{
    private static Task<int> RunLocalAsync(CliIO io, ParseResult parse, string stack, CancellationToken ct) =>
        throw new DrKitCommandException($"the local drill is not part of this build of drkit; run 'drkit drill {stack}' for the cloud drill.", ExitCodes.BadInput);
}
