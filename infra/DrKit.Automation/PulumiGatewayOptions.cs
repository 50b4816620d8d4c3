using Pulumi.Automation;

namespace DrKit.Automation;

/// <summary>Where the gateway finds the Pulumi project and how it runs the program.</summary>
public sealed record PulumiGatewayOptions
{
    /// <summary>
    /// Folder holding Pulumi.yaml (the repository root): its project settings and <c>stackConfigDir</c> apply to
    /// both the local and the inline program, so <c>pulumi up</c> and DR operations deploy the same thing.
    /// </summary>
    public required string WorkDir { get; init; }

    /// <summary>Run <c>DrKit.Aws.DrProgram</c> in-process (<c>PulumiFn.Create(DrProgram.Outputs)</c>) instead of the project's <c>main</c> program.</summary>
    public bool Inline { get; init; }

    /// <summary>An inline program to run instead of DrProgram (tests with a trivial program).</summary>
    public PulumiFn? Program { get; init; }

    /// <summary>Project settings for a work dir without Pulumi.yaml (tests); null uses the Pulumi.yaml in <see cref="WorkDir"/>.</summary>
    public ProjectSettings? ProjectSettings { get; init; }

    /// <summary>Extra environment for the CLI, e.g. PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>Check for AWS credentials before any change; off for programs that create no AWS resources.</summary>
    public bool RequireAwsCredentials { get; init; } = true;
}
