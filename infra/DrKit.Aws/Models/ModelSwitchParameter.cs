using DrKit.Core.Planning;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Models;

public sealed class ModelSwitchParameterArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    public required ModelProviderSettings Settings { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }

    /// <summary>Name of the secret holding the chain's provider keys by rung; null when the stack delivers none.</summary>
    public string? KeysSecret { get; init; }
}

/// <summary>
/// The setting an application reads to know which rung of its model-provider chain is active: an SSM String parameter
/// of the same name in every stack region, each read by the application in its own region, created holding the
/// primary rung. Its value belongs to operations from then on: <c>drkit failover</c> writes the recovery region's copy
/// with <c>aws ssm put-parameter --region &lt;recovery&gt;</c>, a data call that never touches the failed region, so the
/// stack ignores later changes of the value rather than writing the primary rung back on the next <c>up</c>
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-working-with.html).
/// </summary>
public sealed class ModelSwitchParameter : ComponentResource
{
    public const string TypeToken = "drkit:models:ModelSwitchParameter";

    /// <summary>The parameter's value is what operations last set; the stack only creates it.</summary>
    public const string OperatedProperty = "insecureValue";

    public ModelSwitchParameter(string name, ModelSwitchParameterArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parameterName = args.Settings.SwitchParameter
            ?? throw new ArgumentException($"{args.Plan.Name} switches client-side and has no switch parameter", nameof(args));
        var names = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var region in args.Providers.ByRegion.Keys)
        {
            var regional = args.Providers.In(region, this);
            regional.IgnoreChanges.Add(OperatedProperty);
            var parameter = new PulumiAws.Ssm.Parameter($"{name}-{region}", new PulumiAws.Ssm.ParameterArgs
            {
                Name = parameterName,
                Type = "String",
                InsecureValue = args.Settings.Providers[0].Name,
                Description = Describe(args.Plan.Name),
                Tags = Tagged(args, region),
            }, regional);
            names[region] = parameter.Name;
        }

        Names = names;
        RegisterOutputs(names.ToDictionary(n => n.Key, n => (object?)n.Value, StringComparer.Ordinal));
    }

    /// <summary>The tag naming the secret that holds each rung's key, so the application finds it from the parameter.</summary>
    public const string KeysTag = "drkit:keys";

    /// <summary>The tag holding the chain's rungs in order, for whoever reads the parameter in the console.</summary>
    public const string ChainTag = "drkit:chain";

    /// <summary>Constant per component: the provider rewrites the whole parameter, value included, when the description
    /// changes, so a description naming the chain would put the primary rung back over a failover's flip on the next up
    /// after any chain edit. Tags update in place without touching the value.</summary>
    public static string Describe(string component) => $"Active rung of model-provider chain {component}; written by drkit failover";

    private static InputMap<string> Tagged(ModelSwitchParameterArgs args, string region)
    {
        var tags = args.Tags.For(args.Plan.Name, region == args.Providers.PrimaryRegion ? "primary" : "recovery");
        // Tag values take letters, digits, spaces and _ . : / = + - @ only: rungs are joined with spaces.
        tags.Add(ChainTag, string.Join(" ", args.Settings.Providers.Select(p => p.Name)));
        if (args.KeysSecret is { } secret)
        {
            tags.Add(KeysTag, secret);
        }

        return tags;
    }

    /// <summary>Region -> parameter name.</summary>
    public IReadOnlyDictionary<string, Output<string>> Names { get; }
}
