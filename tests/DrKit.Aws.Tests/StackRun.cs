using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using DrKit.Core.Planning;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace DrKit.Aws.Tests;

/// <summary>One mocked deployment of a bundled stack: the stack object, every registration, the plan.</summary>
internal sealed record StackRun(string Name, DrStack Stack, IReadOnlyList<MockResourceArgs> Resources, DrPlan Plan)
{
    private static readonly Dictionary<string, StackRun> Runs = new(StringComparer.Ordinal);

    /// <summary>Runs once per stack and test session; tests run serially (PULUMI_CONFIG is process-wide).</summary>
    public static async Task<StackRun> OfAsync(string stack)
    {
        if (Runs.TryGetValue(stack, out var cached))
        {
            return cached;
        }

        Environment.SetEnvironmentVariable("PULUMI_CONFIG", StackConfig.PulumiConfigJson(stack));
        try
        {
            var mocks = new RecordingMocks();
            var resources = await Deployment.TestAsync<DrStack>(mocks, new TestOptions { ProjectName = "drkit", StackName = stack, IsPreview = false });
            var run = new StackRun(stack, resources.OfType<DrStack>().Single(), mocks.Resources.ToList(), Planner.PlanFile(StackConfig.StackFile(stack)));
            Runs[stack] = run;
            return run;
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
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

    /// <summary>Every [Output] of the stack, awaited: (name, known, value).</summary>
    public async Task<IReadOnlyList<(string Name, bool Known, object? Value)>> OutputsAsync()
    {
        var result = new List<(string, bool, object?)>();
        foreach (var property in typeof(DrStack).GetProperties().Where(p => p.GetCustomAttribute<OutputAttribute>() is not null))
        {
            var output = property.GetValue(Stack);
            var t = property.PropertyType.GetGenericArguments()[0];
            var known = await Invoke<bool>(nameof(OutputUtilities.GetIsKnownAsync), t, output);
            var value = await Invoke<object?>(nameof(OutputUtilities.GetValueAsync), t, output);
            result.Add((property.GetCustomAttribute<OutputAttribute>()!.Name ?? property.Name, known, value));
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
