using DrKit.Core.Operations;
using Pulumi;
using PulumiAws = Pulumi.Aws;

namespace DrKit.Aws.Data;

/// <summary>
/// The writer's address of an RDS PostgreSQL tier with a cross-region member, published where applications read it
/// without a deployment: an SSM String parameter of the same name (<see cref="WriterParameter.Name"/>) in every serving
/// region, each through that region's provider, holding the address the stack's decided state implies (the promoted
/// recovery member after a failover, the primary region's writer otherwise). A failover's promotion and a failback's
/// writer switch overwrite it from the new writer's region with what RDS reports; they also record the move in the
/// stack's config, so the next <c>up</c> declares the same value and never writes the old writer back. The value is
/// therefore not ignored, unlike the model switch, whose rung the stack does not decide.
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-working-with.html
/// </summary>
public sealed class WriterAddressParameter : ComponentResource
{
    public const string TypeToken = "drkit:data:WriterAddressParameter";

    /// <param name="writer">Endpoint.Address of the instance the decided state names as writer.</param>
    public WriterAddressParameter(string name, PostgresDrArgs args, Output<string> writer, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var component = args.Plan.Name;
        var parameterName = WriterParameter.Name(args.Tags.Stack, component);
        foreach (var region in args.Providers.ByRegion.Keys)
        {
            // Overwrite stays unset: the provider sends false on create and true on this stack's own updates
            // (Overwrite in pulumi-aws sdk/dotnet Ssm/Parameter.cs), so an update rewrites a value operations changed.
            _ = new PulumiAws.Ssm.Parameter($"{name}-{region}", new PulumiAws.Ssm.ParameterArgs
            {
                Name = parameterName,
                Type = "String",
                InsecureValue = writer,
                Description = Describe(component),
                Tags = args.Tags.For(component, region == args.Providers.PrimaryRegion ? "primary" : "recovery"),
            }, args.Providers.In(region, this));
        }

        ParameterName = Output.Create(parameterName);
        RegisterOutputs(new Dictionary<string, object?> { ["parameterName"] = ParameterName });
    }

    /// <summary>Constant per component, so an update never rewrites the parameter for a description change alone.</summary>
    public static string Describe(string component) =>
        $"Address of the PostgreSQL writer of {component}; written by drkit failover and failback, read by applications in their own region";

    /// <summary>The parameter's name, the same in every serving region.</summary>
    public Output<string> ParameterName { get; }
}
