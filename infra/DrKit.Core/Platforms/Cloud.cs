using DrKit.Core.Estimation;
using DrKit.Core.Model;
using DrKit.Core.Platforms.Azure;

namespace DrKit.Core.Platforms;

/// <summary>
/// The cloud a stack runs in (<c>drkit:cloud</c>, <c>aws</c> by default): how its regions are spelled and checked,
/// the platform its components default to, and what watches its endpoints. The one place that asks which cloud a
/// stack is in; everything else asks the <see cref="Cloud"/> it gets.
/// </summary>
public sealed class Cloud
{
    private readonly Func<string, bool> _isRegion;
    private readonly Func<string, string, bool, string> _expected;

    private Cloud(string name, string defaultPlatform, string primaryExample, string recoveryExample, string monitoringExample,
        Func<string, bool> isRegion, Func<string, string, bool, string> expected, string healthChecks, string healthCheckService)
    {
        Name = name;
        DefaultPlatform = defaultPlatform;
        PrimaryExample = primaryExample;
        RecoveryExample = recoveryExample;
        MonitoringExample = monitoringExample;
        _isRegion = isRegion;
        _expected = expected;
        HealthChecksSource = healthChecks;
        HealthCheckService = healthCheckService;
    }

    public static readonly Cloud Aws = new(Platform.Aws, Platform.Aws, "us-east-1", "us-west-2", "eu-west-1",
        Config.StackSpecReader.IsAwsRegion,
        (text, example, plural) => plural ? $"expected AWS regions such as {example}, got '{text}'" : $"expected an AWS region such as {example}, got '{text}'",
        Sources.Route53HealthChecks, "Route 53 health check");

    public static readonly Cloud Azure = new(Platform.Azure, Platform.Azure, "eastus2", "centralus", "westeurope",
        AzureRegions.IsRegion,
        (text, example, _) => AzureRegions.Expected(text, example),
        AzureAssumptions.TrafficManagerMonitoring, "Traffic Manager probe");

    /// <summary>Spellings of <c>drkit:cloud</c>.</summary>
    public static readonly IReadOnlyDictionary<string, Cloud> Names = new Dictionary<string, Cloud>(StringComparer.Ordinal)
    {
        [Platform.Aws] = Aws,
        [Platform.Azure] = Azure,
    };

    public string Name { get; }

    /// <summary>The platform of a component that names none.</summary>
    public string DefaultPlatform { get; }

    public string PrimaryExample { get; }

    public string RecoveryExample { get; }

    public string MonitoringExample { get; }

    /// <summary>Where the health-check figures (interval, failures before unhealthy) come from.</summary>
    public string HealthChecksSource { get; }

    /// <summary>What probes the endpoints, in words for plans.</summary>
    public string HealthCheckService { get; }

    public static Cloud Of(StackSpec stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Names.GetValueOrDefault(stack.Cloud, Aws);
    }

    public bool IsRegion(string text) => _isRegion(text);

    /// <summary>The message for <paramref name="text"/> that is no region of this cloud.</summary>
    public string Expected(string text, string example, bool plural = false) => _expected(text, example, plural);
}
