using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace DrKit.Azure.Tests.Models;

/// <summary>Records every registration; answers an OpenAI account with its endpoint and a secret key.</summary>
internal sealed class AzureMocks : IMocks
{
    public const string RandomString = "random:index/randomString:RandomString";

    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    /// <summary>The suffix the mock draws for a RandomString: six characters that differ per resource name.</summary>
    public static string Suffix(string name) => $"{(uint)StringComparer.Ordinal.GetHashCode(name) % 1_000_000:000000}";

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Resources.Enqueue(args);
        var state = ImmutableDictionary.CreateBuilder<string, object>();
        state.AddRange(args.Inputs);
        if (args.Type == "azure:cognitive/account:Account")
        {
            state["endpoint"] = $"https://{args.Inputs.GetValueOrDefault("customSubdomainName")}.openai.azure.com/";
            state["primaryAccessKey"] = Output.CreateSecret($"key-{args.Name}");
        }

        if (args.Type == RandomString)
        {
            state["result"] = Suffix(args.Name!);
        }

        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    /// <summary>The location of the explicit provider a resource used (providers are named "azure-&lt;location&gt;").</summary>
    public static string? LocationOf(MockResourceArgs args)
    {
        const string marker = "pulumi:providers:azure::azure-";
        var provider = args.Provider ?? string.Empty;
        var at = provider.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : provider[(at + marker.Length)..].Split("::")[0];
    }
}
