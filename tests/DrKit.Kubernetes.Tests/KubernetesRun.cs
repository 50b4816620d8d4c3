using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using DrKit.Core.Operations;
using DrKit.Core.Planning;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Kubernetes.Tests;

/// <summary>Records every registration and echoes its inputs back as state.</summary>
internal sealed class RecordingMocks : IMocks
{
    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(args);
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);
}

/// <summary>One mocked deployment of the Kubernetes part of a bundled stack, with optional drkit-ops state.</summary>
internal sealed record KubernetesRun(DrPlan Plan, StackOperations Operations, IReadOnlyList<MockResourceArgs> Resources)
{
    public const string Stack = "k8s-pilot-light";

    public static string StackFile => Path.Combine(RepoPaths.Root, "stacks", $"Pulumi.{Stack}.yaml");

    /// <summary>The bundled stack in its second deployment phase (<c>replicaReady: true</c>): the replica cluster declared.</summary>
    public static Task<KubernetesRun> OfAsync(OperationsState? state = null) => EditedAsync(PhaseTwo, PhaseTwo, state);

    /// <summary>The bundled stack as shipped: the first deployment phase, before the primary's first backup has replicated.</summary>
    public static Task<KubernetesRun> AsShippedAsync() => OfAsync(Planner.PlanFile(StackFile), null);

    public const string PhaseOne = "replicaReady: false";
    public const string PhaseTwo = "replicaReady: true";

    /// <summary>The bundled stack in its second phase with one line of its file replaced, planned from a copy under the same file name.</summary>
    public static Task<KubernetesRun> EditedAsync(string line, string replacement, OperationsState? state = null)
    {
        var shipped = File.ReadAllText(StackFile);
        Assert.That(shipped, Does.Contain(PhaseOne), "the bundled stack ships its first deployment phase");
        var text = shipped.Replace(PhaseOne, PhaseTwo, StringComparison.Ordinal);
        Assert.That(text, Does.Contain(line), $"the bundled stack has the line to edit: {line}");
        var dir = Directory.CreateTempSubdirectory("drkit-k8s-");
        var path = Path.Combine(dir.FullName, Path.GetFileName(StackFile));
        File.WriteAllText(path, text.Replace(line, replacement, StringComparison.Ordinal));
        try
        {
            return OfAsync(Planner.PlanFile(path), state);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static async Task<KubernetesRun> OfAsync(DrPlan plan, OperationsState? state)
    {
        var operations = StackOperations.Decide(plan, state ?? OperationsState.None);
        var mocks = new RecordingMocks();
        await Deployment.TestAsync(mocks, new TestOptions { ProjectName = "drkit", StackName = Stack, IsPreview = false }, () =>
        {
            var resources = new KubernetesResources(operations, null);
            return resources.FlatOutputs(operations);
        });
        return new KubernetesRun(plan, operations, mocks.Resources.ToList());
    }

    public static OperationsState With(Func<OperationsState, OperationsState> change) => change(OperationsState.None);

    public IEnumerable<MockResourceArgs> OfType(string type) => Resources.Where(r => r.Type == type);

    public MockResourceArgs Named(string name) =>
        Resources.SingleOrDefault(r => r.Name == name) ?? throw new AssertionException($"no resource named {name}; have {string.Join(", ", Resources.Select(r => r.Name))}");

    /// <summary>The region of the explicit provider a resource used (providers are named k8s-&lt;region&gt;).</summary>
    public static string? RegionOf(MockResourceArgs args)
    {
        const string marker = "pulumi:providers:kubernetes::k8s-";
        var provider = args.Provider ?? string.Empty;
        var at = provider.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = provider[(at + marker.Length)..];
        var end = rest.IndexOf("::", StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

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

    /// <summary>Every field path set in a manifest, lists written as <c>[]</c> (e.g. <c>spec.plugins[].name</c>);
    /// maps of free-form keys (parameters, labels) end the walk.</summary>
    public static ISet<string> FieldPaths(object? node, string prefix, ISet<string> opaque)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(node, prefix, opaque, paths);
        return paths;
    }

    private static void Walk(object? node, string prefix, ISet<string> opaque, ISet<string> paths)
    {
        switch (node)
        {
            case IDictionary map when !opaque.Contains(prefix):
                foreach (DictionaryEntry e in map)
                {
                    var path = $"{prefix}.{e.Key}";
                    paths.Add(path);
                    Walk(e.Value, path, opaque, paths);
                }

                break;
            case IEnumerable list when node is not string and not IDictionary:
                foreach (var item in list)
                {
                    Walk(item, prefix + "[]", opaque, paths);
                }

                break;
        }
    }

    public static ImmutableDictionary<string, object> Spec(MockResourceArgs r) => (ImmutableDictionary<string, object>)r.Inputs["spec"];
}
