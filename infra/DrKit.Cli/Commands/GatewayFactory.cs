using DrKit.Operations.Gateway;

namespace DrKit.Cli.Commands;

/// <summary>
/// Creates the stack gateway DR operations run against. Only builds made with <c>DrKitWithPulumi=true</c> contain the
/// Pulumi Automation API adapter; other builds can still plan every operation with <c>--dry-run</c>.
/// </summary>
public static class GatewayFactory
{
    /// <summary>Whether this build can run operations for real.</summary>
    public static bool Available =>
#if DRKIT_PULUMI
        true;
#else
        false;
#endif

    /// <param name="projectRoot">Folder holding Pulumi.yaml: the program the operations deploy.</param>
    public static IStackGateway Create(string projectRoot)
    {
#if DRKIT_PULUMI
        return new DrKit.Automation.PulumiStackGateway(new DrKit.Automation.PulumiGatewayOptions { WorkDir = projectRoot });
#else
        throw new DrKitCommandException(
            $"this build of drkit was made without the Pulumi Automation API (its NuGet packages could not be restored where it was built), " +
            $"so it cannot change stacks; nothing was changed (project {projectRoot}). Add --dry-run to see the steps, or rebuild on a machine " +
            "that can restore the Pulumi packages: the build script sets DrKitWithPulumi=true there " +
            "(by hand: dotnet build infra/DrKit.Cli -p:DrKitWithPulumi=true).",
            ExitCodes.Failed);
#endif
    }
}
