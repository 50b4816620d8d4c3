using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using DrKit.Azure.Models;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace DrKit.Azure.Tests;

/// <summary>
/// Runs one Azure component under mocks and keeps every registration and the options each child was given (read through a
/// transformation on the component, which Pulumi hands every child), so tests can check arguments, providers (read with
/// <see cref="Models.AzureMocks.LocationOf"/>) and ignore-changes. The mocks answer the outputs the components read: ids, key URLs, identity principals, FQDNs.
/// </summary>
internal sealed class ComponentRun : IMocks
{
    public const string Location1 = "eastus2";
    public const string Location2 = "centralus";

    private readonly ConcurrentQueue<MockResourceArgs> _resources = new();
    private readonly ConcurrentDictionary<string, ResourceOptions> _options = new(StringComparer.Ordinal);

    public IReadOnlyList<MockResourceArgs> Resources => [.. _resources];

    /// <summary>Declares providers for both test locations and the component <paramref name="declare"/> makes.</summary>
    public static async Task<ComponentRun> RunAsync(Func<AzureProviders, ComponentResourceOptions, Resource> declare)
    {
        var run = new ComponentRun();
        await Deployment.TestAsync(run, new TestOptions { ProjectName = "drkit", StackName = "azure-test", IsPreview = false }, () =>
        {
            var providers = AzureProviders.Create([Location1, Location2], new AzureProviderSettings(Output.Create("00000000-0000-0000-0000-000000000000")));
            var options = new ComponentResourceOptions();
            options.ResourceTransformations.Add(t =>
            {
                run._options[t.Resource.GetResourceName()] = t.Options;
                return null;
            });
            declare(providers, options);
            return new Dictionary<string, object?>();
        });
        return run;
    }

    /// <summary>Runs a whole program under mocks and resolves its outputs (every value is text).</summary>
    /// <param name="program">Declares under the root component it is given, which records each child's options.</param>
    public static async Task<(ComponentRun Run, IReadOnlyDictionary<string, string> Outputs)> RunProgramAsync(Func<Resource, IDictionary<string, object?>> program)
    {
        var run = new ComponentRun();
        IDictionary<string, object?> outputs = new Dictionary<string, object?>();
        await Deployment.TestAsync(run, new TestOptions { ProjectName = "drkit", StackName = "azure-pilot-light", IsPreview = false }, () =>
        {
            var options = new ComponentResourceOptions();
            options.ResourceTransformations.Add(t =>
            {
                run._options[t.Resource.GetResourceName()] = t.Options;
                return null;
            });
            outputs = program(new Root(options));
            return outputs;
        });
        var resolved = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in outputs)
        {
            resolved[key] = value is Output<string> text ? await OutputUtilities.GetValueAsync(text) : value?.ToString() ?? string.Empty;
        }

        return (run, resolved);
    }

    public IReadOnlyList<MockResourceArgs> OfType(string type) => [.. _resources.Where(r => r.Type == type)];

    public MockResourceArgs Named(string name) => _resources.Single(r => r.Name == name);

    /// <summary>The options a child was declared with.</summary>
    public ResourceOptions OptionsOf(string name) => _options[name];

    /// <summary>The logical names of the resources a child was declared to wait for.</summary>
    public async Task<IReadOnlyList<string>> DependenciesOf(string name)
    {
        var resources = await OutputUtilities.GetValueAsync(OptionsOf(name).DependsOn.Apply(list => list));
        return [.. resources.Select(r => r.GetResourceName())];
    }

    /// <summary>The ignore-changes list a child was declared with.</summary>
    public IReadOnlyList<string> IgnoredBy(string name) => OptionsOf(name).IgnoreChanges;

    /// <summary>The value at a path of nested maps and lists ("0" indexes a list), or null.</summary>
    public static object? At(object? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node switch
            {
                IDictionary map when map.Contains(step) => map[step],
                IList list when int.TryParse(step, out var i) && i < list.Count => list[i],
                _ => null,
            };
        }

        return node;
    }

    public static string Id(string resourceName) => $"{resourceName}-id";

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _resources.Enqueue(args);
        var state = ImmutableDictionary.CreateBuilder<string, object>();
        state.AddRange(args.Inputs);
        var name = args.Name!;
        switch (args.Type)
        {
            case "azure:authorization/userAssignedIdentity:UserAssignedIdentity":
                state["principalId"] = $"{name}-principal";
                break;
            case "azure:keyvault/key:Key":
                state["versionlessId"] = $"https://{name}.vault.azure.net/keys/{args.Inputs.GetValueOrDefault("name")}";
                break;
            case "azure:redis/cache:Cache":
                state["hostname"] = $"{args.Inputs.GetValueOrDefault("name")}.redis.cache.windows.net";
                break;
            case "azure:managedredis/managedRedis:ManagedRedis":
                state["hostname"] = $"{args.Inputs.GetValueOrDefault("name")}.{args.Inputs.GetValueOrDefault("location")}.redis.azure.net";
                break;
            case "azure:redis/linkedServer:LinkedServer":
                state["geoReplicatedPrimaryHostName"] = $"{args.Inputs.GetValueOrDefault("targetRedisCacheName")}.geo.redis.cache.windows.net";
                break;
            case "azure:storage/account:Account":
                state["primaryBlobEndpoint"] = $"https://{args.Inputs.GetValueOrDefault("name")}.blob.core.windows.net/";
                break;
            case "azure:storage/container:Container":
                state["resourceManagerId"] = $"{name}-arm-id";
                break;
            case "azure:containerservice/registry:Registry":
                state["loginServer"] = $"{args.Inputs.GetValueOrDefault("name")}.azurecr.io";
                break;
            case "azure:network/trafficManagerProfile:TrafficManagerProfile":
                state["fqdn"] = $"{At(args.Inputs, "dnsConfig", "relativeName")}.trafficmanager.net";
                break;
            case "random:index/randomPassword:RandomPassword":
                state["result"] = $"password-{name}";
                break;
            case "azure:postgresql/flexibleServer:FlexibleServer":
                state["fqdn"] = $"{args.Inputs.GetValueOrDefault("name")}.postgres.database.azure.com";
                break;
        }

        return Task.FromResult<(string? id, object state)>((Id(name), state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(args.Args);

    private sealed class Root(ComponentResourceOptions options) : ComponentResource("drkit:test:Root", "root", options);
}
