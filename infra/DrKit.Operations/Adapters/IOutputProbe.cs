using DrKit.Failover;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Adapters;

/// <summary>A check of a stack's outputs (read after an <c>up</c>) that tells whether a step took effect.</summary>
public interface IOutputProbe
{
    /// <summary>Short name, shown in results and dry runs.</summary>
    string Name { get; }

    /// <summary>What the probe expects, in words (for dry runs and failures).</summary>
    string Expectation { get; }

    ProbeResult Check(StackOutputs outputs);
}
