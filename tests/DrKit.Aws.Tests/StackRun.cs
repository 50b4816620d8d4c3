using System.Collections;
using System.Collections.Immutable;
using DrKit.Core.Planning;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace DrKit.Aws.Tests;

/// <summary>One mocked deployment of a bundled stack, optionally with drkit-ops keys: the declared resources, every
/// registration, every stack output and the plan.</summary>
internal sealed record StackRun(string Name, DrResources Stack, IReadOnlyList<MockResourceArgs> Resources, IDictionary<string, object?> Outputs, DrPlan Plan)
{
    private static readonly Dictionary<string, StackRun> Runs = new(StringComparer.Ordinal);

    /// <summary>Runs once per stack, operations keys and test session; tests run serially (PULUMI_CONFIG is process-wide).</summary>
    /// <param name="ops">Short drkit-ops keys (<c>fence.context-store</c>) and their values.</param>
    public static Task<StackRun> OfAsync(string stack, params (string Key, string Value)[] ops) => OfAsync(stack, stack, ops);

    /// <summary>The bundled stack file <paramref name="stack"/> deployed under another stack name (a second stack, a drill stack).</summary>
    public static async Task<StackRun> OfAsync(string stack, string deployAs, params (string Key, string Value)[] ops)
    {
        var cacheKey = $"{stack}>{deployAs}" + string.Concat(ops.Select(o => $"|{o.Key}={o.Value}"));
        if (Runs.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        Environment.SetEnvironmentVariable("PULUMI_CONFIG", StackConfig.PulumiConfigJson(stack, ops));
        // Azure rungs need a subscription (config or ARM_SUBSCRIPTION_ID); the bundled stacks leave it to the environment.
        Environment.SetEnvironmentVariable("ARM_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");
        try
        {
            var mocks = new RecordingMocks();
            DrResources? declared = null;
            var (_, outputs) = await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = deployAs, IsPreview = false }, () =>
            {
                declared = DrProgram.Declare();
                return declared.StackOutputs();
            });
            var run = new StackRun(deployAs, declared!, mocks.Resources.ToList(), outputs, Planner.PlanFile(StackConfig.StackFile(stack)));
            Runs[cacheKey] = run;
            return run;
        }
        finally
        {
            Environment.SetEnvironmentVariable("ARM_SUBSCRIPTION_ID", null);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
    }

    /// <summary>Every text output by name (the flat operations outputs among them), awaited.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TextsAsync()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, output) in Outputs)
        {
            if (output is Output<string> text)
            {
                texts[name] = await Value(text);
            }
        }

        return texts;
    }

    public IEnumerable<MockResourceArgs> OfType(string type) => Resources.Where(r => r.Type == type);

    public MockResourceArgs Named(string type, string name) =>
        Resources.SingleOrDefault(r => r.Type == type && r.Name == name)
        ?? throw new AssertionException($"{Name}: no {type} named {name}; have {string.Join(", ", OfType(type).Select(r => r.Name))}");

    public bool Has(string type, string name) => Resources.Any(r => r.Type == type && r.Name == name);

    public static Task<T> Value<T>(Output<T> output) => OutputUtilities.GetValueAsync(output);

    /// <summary>Walks nested mock inputs: map keys by name, list items by index.</summary>
    public static object? At(object? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node switch
            {
                IDictionary map => map.Contains(step) ? map[step] : null,
                IEnumerable list when node is not string && int.TryParse(step, out var i) => list.Cast<object?>().ElementAtOrDefault(i),
                _ => null,
            };
        }

        return node;
    }

    public static IReadOnlyList<object?> Items(object? node) => node is IEnumerable list and not string ? list.Cast<object?>().ToList() : [];

    /// <summary>Every stack output, awaited: (name, known, value).</summary>
    public async Task<IReadOnlyList<(string Name, bool Known, object? Value)>> OutputsAsync()
    {
        var result = new List<(string, bool, object?)>();
        foreach (var (name, output) in Outputs)
        {
            var t = output!.GetType().GetGenericArguments()[0];
            var known = await Invoke<bool>(nameof(OutputUtilities.GetIsKnownAsync), t, output);
            var value = await Invoke<object?>(nameof(OutputUtilities.GetValueAsync), t, output);
            result.Add((name, known, value));
        }

        return result;
    }

    private static async Task<TResult> Invoke<TResult>(string method, Type t, object? output)
    {
        var task = (Task)typeof(OutputUtilities).GetMethods().Single(m => m.Name == method && m.GetParameters()[0].ParameterType.IsGenericType && m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == typeof(Output<>))
            .MakeGenericMethod(t).Invoke(null, [output])!;
        await task.ConfigureAwait(false);
        return (TResult)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    public static ImmutableDictionary<string, string> Map(ImmutableDictionary<string, ImmutableDictionary<string, string>> outer, string key) =>
        outer.TryGetValue(key, out var inner) ? inner : ImmutableDictionary<string, string>.Empty;
}
