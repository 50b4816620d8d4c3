using DrKit.Core.Operations;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// The DrKit Pulumi program: plans the selected stack's <c>drkit:*</c> config, reads its <c>drkit-ops:*</c> state,
/// declares everything and returns every output. A program (rather than a <see cref="Stack"/> subclass) is what can
/// export the flat, per-component output names operations read, since a Stack exports only fixed properties.
/// </summary>
public static class DrProgram
{
    /// <summary>Entry point of the project's program (<c>infra/DrKit.Program</c>).</summary>
    public static Task<int> RunAsync() => Deployment.RunAsync(Outputs);

    /// <summary>Declares the stack under the current deployment's root stack (or, for an account stack, the
    /// account-wide settings: <see cref="AccountProgram"/>) and returns its outputs; also the inline program for the Automation API (<c>PulumiFn.Create(DrProgram.Outputs)</c>) and for mock tests.</summary>
    public static IDictionary<string, object?> Outputs() => AccountProgram.Selected() ? AccountProgram.Outputs() : Declare().StackOutputs();

    /// <summary>Plans and declares the selected stack; null parent: the root stack of the running program.</summary>
    public static DrResources Declare(Resource? parent = null)
    {
        var plan = StackPlan.Load();
        return new DrResources(StackOperations.Decide(plan, StackPlan.LoadOperations(plan)), parent);
    }
}
