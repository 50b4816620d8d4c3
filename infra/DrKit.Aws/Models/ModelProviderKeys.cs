using System.Text.Json.Nodes;
using DrKit.Core.Planning;
using DrKit.Core.Platforms.Aws;
using DrKit.Core.Providers;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Models;

public sealed class ModelProviderKeysArgs : ResourceArgs
{
    public required ComponentPlan Plan { get; init; }

    /// <summary>Rung -> the Azure OpenAI account's endpoint.</summary>
    public required IReadOnlyDictionary<string, Output<string>> Endpoints { get; init; }

    /// <summary>Rung -> the account's key (secret).</summary>
    public required IReadOnlyDictionary<string, Output<string>> Keys { get; init; }

    public required RegionalProviders Providers { get; init; }

    public required StackTags Tags { get; init; }

    /// <summary>The stack is ephemeral (<c>drkit-ops:ephemeral</c>): its secrets are deleted without a recovery window.</summary>
    public bool Ephemeral { get; init; }
}

/// <summary>
/// Delivers a chain's provider keys to the application: one Secrets Manager secret of the same name in every stack
/// region (<see cref="ModelKeys.SecretName"/>), each read by the application in its own region, so a failover needs no
/// call to the failed region to reach a key. Its value is a JSON object keyed by rung, the value the switch parameter
/// holds (<c>{"azure-eastus2": {"endpoint": "...", "apiKey": "..."}}</c>), so the application looks the active rung up in
/// it. The value is a secret in Pulumi's state and in every output; keys never appear in plain config or outputs
/// (https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html). The switch parameter names
/// the secret in its <see cref="ModelSwitchParameter.KeysTag"/> tag. The secret has a fixed name, so its recovery window
/// is the core's (<see cref="AwsLimits.SecretRecoveryWindowDays"/>): an ephemeral stack's is deleted at once and can be
/// rebuilt under its name straight away; any other stack's name stays reserved for 7 days, and a stack deployed before
/// the window was set keeps the 30-day default until its next <c>up</c> writes it. Rebuilding inside the window fails
/// with "scheduled for deletion": <c>aws secretsmanager delete-secret --secret-id &lt;name&gt; --force-delete-without-recovery</c>
/// frees the name, <c>aws secretsmanager restore-secret --secret-id &lt;name&gt;</c> undoes a mistaken destroy
/// (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html).
/// </summary>
public sealed class ModelProviderKeys : ComponentResource
{
    public const string TypeToken = "drkit:models:ModelProviderKeys";

    public ModelProviderKeys(string name, ModelProviderKeysArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var secretName = ModelKeys.SecretName(args.Tags.Stack, args.Plan.Name);
        var rungs = args.Keys.Keys.Order(StringComparer.Ordinal).ToList();
        // One secret Output of the whole document: Output.All keeps the secret flag of every key it combines.
        Document = Output.CreateSecret(Output.Tuple(
                Output.All(rungs.Select(r => (Input<string>)args.Endpoints[r])),
                Output.All(rungs.Select(r => (Input<string>)args.Keys[r])))
            .Apply(t => Json(rungs, t.Item1, t.Item2)));
        var arns = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var region in args.Providers.ByRegion.Keys)
        {
            var secret = new PulumiAws.SecretsManager.Secret($"{name}-{region}", new PulumiAws.SecretsManager.SecretArgs
            {
                Name = secretName,
                RecoveryWindowInDays = AwsLimits.SecretRecoveryWindowDays(args.Ephemeral),
                Description = $"Provider keys of model-provider chain {args.Plan.Name}, by rung; written by the stack",
                Tags = args.Tags.For(args.Plan.Name, region == args.Providers.PrimaryRegion ? "primary" : "recovery"),
            }, args.Providers.In(region, this));
            var versionOptions = args.Providers.In(region, this);
            // The real SDK marks secretString secret itself; saying so here keeps it secret whatever the SDK build.
            versionOptions.AdditionalSecretOutputs.Add("secretString");
            _ = new PulumiAws.SecretsManager.SecretVersion($"{name}-{region}", new PulumiAws.SecretsManager.SecretVersionArgs
            {
                SecretId = secret.Id,
                SecretString = Document,
            }, versionOptions);
            arns[region] = secret.Arn;
        }

        SecretArns = arns;
        RegisterOutputs(arns.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal));
    }

    /// <summary>The secret's value (a Pulumi secret): rung -> endpoint and key.</summary>
    public Output<string> Document { get; }

    /// <summary>Region -> ARN of the secret there (not secret: an ARN grants nothing by itself).</summary>
    public IReadOnlyDictionary<string, Output<string>> SecretArns { get; }

    /// <summary>The secret's JSON: rung -> endpoint and key.</summary>
    public static string Json(IReadOnlyList<string> rungs, IReadOnlyList<string> endpoints, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        var root = new JsonObject();
        for (var i = 0; i < rungs.Count; i++)
        {
            root[rungs[i]] = new JsonObject { ["endpoint"] = endpoints[i], ["apiKey"] = keys[i] };
        }

        return root.ToJsonString();
    }
}
