namespace DrKit.Operations.Gateway;

/// <summary>
/// Looks for AWS credentials the way the AWS provider finds them offline: access keys, a profile, web identity
/// (CI OIDC), container credentials, or shared credential/config files. Instance roles cannot be seen without
/// calling the metadata service, so <c>DRKIT_AWS_CREDENTIALS=instance-role</c> vouches for them.
/// </summary>
public static class AwsCredentialCheck
{
    public const string OverrideVariable = "DRKIT_AWS_CREDENTIALS";

    /// <summary>Where credentials were found, or null when none were.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="fileExists">Tests for a file.</param>
    /// <param name="home">The user's home directory.</param>
    public static string? Find(Func<string, string?> environment, Func<string, bool> fileExists, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        bool Set(string name) => !string.IsNullOrWhiteSpace(environment(name));
        if (Set(OverrideVariable))
        {
            return $"{OverrideVariable}={environment(OverrideVariable)}";
        }

        if (Set("AWS_ACCESS_KEY_ID") && Set("AWS_SECRET_ACCESS_KEY"))
        {
            return "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI" })
        {
            if (Set(name))
            {
                return name;
            }
        }

        var files = new[]
        {
            environment("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(home, ".aws", "credentials"),
            environment("AWS_CONFIG_FILE") ?? Path.Combine(home, ".aws", "config"),
        };
        return files.FirstOrDefault(fileExists);
    }

    /// <summary>Throws <see cref="CredentialsMissingException"/> when no credentials are found.</summary>
    public static void Require(Func<string, string?> environment, Func<string, bool> fileExists, string home)
    {
        if (Find(environment, fileExists, home) is null)
        {
            throw new CredentialsMissingException(
                "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws/config, " +
                "or in CI assume a role through OIDC (AWS_WEB_IDENTITY_TOKEN_FILE). On an EC2 instance role set " +
                $"{OverrideVariable}=instance-role. Nothing was changed.");
        }
    }
}
