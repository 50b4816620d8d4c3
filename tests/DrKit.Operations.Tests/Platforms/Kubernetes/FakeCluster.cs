using DrKit.Operations.Cloud;

namespace DrKit.Operations.Tests.Platforms.Kubernetes;

/// <summary>
/// kubectl against two clusters, answered from state: the CNPG clusters' spec.replica.primary and the status the
/// operator would publish (demotion token once demoted, isPrimary once promoted), and whether each context answers.
/// </summary>
internal sealed class FakeCluster : ICloudCommand
{
    public const string PrimaryContext = "eks-rag-use1";
    public const string RecoveryContext = "eks-rag-usw2";
    public const string PrimaryCluster = "context-store-us-east-1";
    public const string RecoveryCluster = "context-store-us-west-2";

    public bool PrimaryAnswers { get; set; } = true;

    public string TopologyPrimaryInPrimary { get; private set; } = PrimaryCluster;

    public string TopologyPrimaryInRecovery { get; private set; } = PrimaryCluster;

    public string? PromotionTokenSeen { get; private set; }

    public List<string> Calls { get; } = [];

    public Task<CloudCommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var line = string.Join(' ', arguments);
        Calls.Add(line);
        var context = arguments[1];
        if (context == PrimaryContext && !PrimaryAnswers)
        {
            return Task.FromResult(new CloudCommandResult(1, string.Empty, "Unable to connect to the server: dial tcp: i/o timeout"));
        }

        var verb = arguments[5];
        if (verb == "patch")
        {
            var cluster = arguments[7];
            var patch = arguments[^1];
            var primary = System.Text.Json.JsonDocument.Parse(patch).RootElement.GetProperty("spec").GetProperty("replica").GetProperty("primary").GetString()!;
            if (cluster == PrimaryCluster)
            {
                TopologyPrimaryInPrimary = primary;
            }
            else
            {
                TopologyPrimaryInRecovery = primary;
                PromotionTokenSeen = patch.Contains("promotionToken", StringComparison.Ordinal) ? patch : null;
            }

            return Ok(string.Empty);
        }

        if (line.Contains("jsonpath={.status.demotionToken}", StringComparison.Ordinal))
        {
            return Ok(TopologyPrimaryInPrimary == PrimaryCluster ? string.Empty : "dG9rZW4=");
        }

        if (verb == "get")
        {
            var cluster = arguments[7];
            var promoted = cluster == RecoveryCluster ? TopologyPrimaryInRecovery == RecoveryCluster : TopologyPrimaryInPrimary == PrimaryCluster;
            var pod = cluster + "-1";
            return Ok("{\"status\":{\"currentPrimary\":\"" + pod + "\",\"readyInstances\":1,\"instancesReportedState\":{\"" + pod + "\":{\"isPrimary\":" + (promoted ? "true" : "false") + "}}}}");
        }

        if (verb == "exec")
        {
            return Ok("2.5\n");
        }

        return Task.FromResult(new CloudCommandResult(1, string.Empty, $"unexpected {line}"));
    }

    private static Task<CloudCommandResult> Ok(string stdout) => Task.FromResult(new CloudCommandResult(0, stdout, string.Empty));
}
