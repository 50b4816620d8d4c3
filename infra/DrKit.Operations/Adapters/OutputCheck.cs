using System.Globalization;
using DrKit.Failover;
using DrKit.Operations.Gateway;

namespace DrKit.Operations.Adapters;

/// <summary>The output probes DR operations use: an output is present, equals a value, or stays under a bound.</summary>
public sealed class OutputCheck : IOutputProbe
{
    private readonly Func<StackOutputs, (bool Healthy, string Detail)> _check;

    private OutputCheck(string name, string expectation, Func<StackOutputs, (bool, string)> check)
    {
        Name = name;
        Expectation = expectation;
        _check = check;
    }

    public string Name { get; }

    public string Expectation { get; }

    public static OutputCheck Present(string name, string output) => new(name, $"output {output} is set",
        o => o.Text(output) is { } v ? (true, $"{output} = {Shown(o, output, v)}") : (false, $"output {output} is missing or empty"));

    public static OutputCheck Equal(string name, string output, string expected) => new(name, $"output {output} = {expected}",
        o => o.Text(output) is { } v
            ? (string.Equals(v, expected, StringComparison.OrdinalIgnoreCase), $"{output} = {Shown(o, output, v)}, expected {expected}")
            : (false, $"output {output} is missing, expected {expected}"));

    /// <summary>A structured output (component -> region -> ...) has an entry for <paramref name="key"/> in <paramref name="region"/>.</summary>
    public static OutputCheck PresentIn(string name, string output, string key, string region) => new(name, $"output {output}[{key}][{region}] is set",
        o => Contract.OutputMap.Has(o, "(this stack)", output, key, region)
            ? (true, $"{output}[{key}][{region}] is set")
            : (false, $"output {output} has nothing for {key} in {region}: not in place in the recovery region"));

    public static OutputCheck AtMost(string name, string output, double max, string unit) => new(name,
        string.Create(CultureInfo.InvariantCulture, $"output {output} <= {max}{unit}"),
        o => o.Number(output) is { } v
            ? (v <= max, string.Create(CultureInfo.InvariantCulture, $"{output} = {v}{unit}, at most {max}{unit}"))
            : (false, $"output {output} is missing or not a number"));

    public ProbeResult Check(StackOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var (healthy, detail) = _check(outputs);
        return new ProbeResult(healthy, detail, TimeSpan.Zero);
    }

    private static string Shown(StackOutputs outputs, string name, string value) =>
        outputs.Values[name].Secret ? "[secret]" : value;
}
