using DrKit.Operations.Adapters;
using DrKit.Operations.Gateway;
using DrKit.Operations.Steps;

namespace DrKit.Operations.Programs;

/// <summary>Step names and descriptions shared by the programs.</summary>
internal static class CommonSteps
{
    public const string Prerequisites = "Prerequisites";
    public const string SelectStack = "SelectStack";

    public static OperationStep PrerequisitesStep(bool awsCli = false, bool kubectl = false) => new(Prerequisites,
        "gateway.EnsureReady: runs 'pulumi version', looks for AWS credentials (AWS_* variables, AWS_PROFILE, ~/.aws)" +
            (awsCli ? $"; runs '{Cloud.GlobalDatastoreSwitch.CommandLine(Cloud.GlobalDatastoreSwitch.VersionArguments)}' (DrKit reads replica lag from CloudWatch and switches Redis Global Datastores with the AWS CLI)" : string.Empty) +
            (kubectl ? $"; runs '{Platforms.Kubernetes.Kubectl.CommandLine(Platforms.Kubernetes.Kubectl.VersionArguments)}' (no cluster is called)" : string.Empty),
        "fail before any change when a CLI or credentials are missing");

    /// <summary>The Prerequisites step of a real run: the stack engine, then the AWS CLI when lag will be read or a Global Datastore switched.</summary>
    public static Task RunPrerequisitesAsync(ProgramRunner runner, IStackGateway gateway, Cloud.GlobalDatastoreSwitch? redis, bool awsCli, CancellationToken ct) =>
        RunPrerequisitesAsync(runner, gateway, redis, awsCli, null, ct);

    /// <summary>As above, and kubectl's client when <paramref name="kubectl"/> is given (the run drives Kubernetes clusters).</summary>
    public static Task RunPrerequisitesAsync(
        ProgramRunner runner, IStackGateway gateway, Cloud.GlobalDatastoreSwitch? redis, bool awsCli, Platforms.Kubernetes.Kubectl? kubectl, CancellationToken ct) =>
        runner.RunAsync(Prerequisites, async () =>
        {
            await gateway.EnsureReadyAsync(ct).ConfigureAwait(false);
            var client = kubectl is null ? string.Empty : $", kubectl ({await Platforms.Kubernetes.KubernetesFailover.EnsureKubectlAsync(kubectl, ct).ConfigureAwait(false)})";
            if (!awsCli)
            {
                return $"pulumi CLI{client} and credentials present";
            }

            var version = await (redis ?? throw new InvalidOperationException("the AWS CLI check needs the AWS CLI adapter")).EnsureAvailableAsync(ct).ConfigureAwait(false);
            return $"pulumi CLI, credentials{client} and AWS CLI ({version}) present";
        });

    /// <summary>The Prerequisites step of a run on Azure: the stack engine, then the Azure CLI every step calls.</summary>
    public static Task RunAzurePrerequisitesAsync(ProgramRunner runner, IStackGateway gateway, Platforms.Azure.AzCli az, CancellationToken ct) =>
        runner.RunAsync(Prerequisites, async () =>
        {
            await gateway.EnsureReadyAsync(ct).ConfigureAwait(false);
            return $"pulumi CLI and Azure CLI ({await az.EnsureAvailableAsync(ct).ConfigureAwait(false)}) present";
        });

    /// <summary>Whether any data tier is a Redis Global Datastore (switched with the AWS CLI).</summary>
    public static bool HasGlobalDatastore(OperationTopology topology) => topology.DataTiers.Any(t => t.Kind == PromotionKind.GlobalDatastore);

    /// <summary>The SelectStack step of a real run: the stack must exist; nothing is created.</summary>
    public static Task RunSelectStackAsync(ProgramRunner runner, IStackGateway gateway, string stack, CancellationToken ct) =>
        runner.RunAsync(SelectStack, async () =>
        {
            await gateway.SelectStackAsync(stack, ct).ConfigureAwait(false);
            return $"stack {stack} selected";
        });

    public static OperationStep SelectStep(string stack) => new(SelectStack,
        $"gateway.SelectStack({stack})",
        "the stack must already exist; nothing is created");

    public static string Describe(IEnumerable<IOutputProbe> probes) => string.Join("; ", probes.Select(p => $"{p.Name}: {p.Expectation}"));
}
