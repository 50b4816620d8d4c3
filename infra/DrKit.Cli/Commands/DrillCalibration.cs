using DrKit.Core.Estimation;
using DrKit.Core.Input;
using DrKit.Core.Model;

namespace DrKit.Cli.Commands;

/// <summary>
/// The step times a stack's drill history (<c>drkit:policy.drillHistory</c>, relative to the project root) measured, for
/// the plan to show beside its assumptions, and to use instead when <c>--measured</c> or <c>drkit:estimates.calibration: measured</c> asks.
/// </summary>
internal static class DrillCalibration
{
    public static DrillMeasurements Read(StackSpec stack, bool use)
    {
        if (stack.Policy.DrillHistory is not { } relative)
        {
            return DrillMeasurements.None with { Use = use };
        }

        var root = StackLocator.ProjectRoot(Path.GetDirectoryName(Path.GetFullPath(stack.Source)) ?? Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(root, relative);
        return File.Exists(path)
            ? DrillMeasurements.Parse(BoundedFile.ReadJsonLines(path, InputLimits.DrillHistory), stack.StackName, use)
            : DrillMeasurements.None with { Use = use };
    }
}
