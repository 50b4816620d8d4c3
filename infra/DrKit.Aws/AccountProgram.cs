using DrKit.Aws.Images;
using DrKit.Core.Config;
using DrKit.Core.Platforms.Aws;
using Pulumi;

namespace DrKit.Aws;

/// <summary>
/// The program of an account stack (<c>drkit-account:*</c> config instead of <c>drkit:*</c>): declares the
/// account-wide settings DR stacks share, so that no DR or drill stack ever declares one. See
/// <see cref="AccountStackConfig"/> and infra/DrKit.Aws/README.md.
/// </summary>
public static class AccountProgram
{
    /// <summary>Whether the selected stack is an account stack (it sets <c>drkit-account:members</c>).</summary>
    public static bool Selected() => new Config(AccountStackConfig.Namespace).Get(AccountStackConfig.MembersKey) is not null;

    public static IDictionary<string, object?> Outputs()
    {
        var stack = Deployment.Instance.StackName;
        var config = new Config(AccountStackConfig.Namespace);
        AccountStackConfig account;
        try
        {
            account = AccountStackConfig.FromRaw($"pulumi config (stack {stack})", config.Get(AccountStackConfig.MembersKey), config.Get(AccountStackConfig.RegionsKey));
        }
        catch (StackConfigException ex)
        {
            throw new RunException($"DrKit cannot deploy account stack '{stack}':{Environment.NewLine}{ex.Message}", ex);
        }

        var providers = RegionalProviders.Create(account.Regions[0], account.Regions.Skip(1).ToList(), new StackTags(stack, AccountStackConfig.Namespace));
        var owner = new RegistryReplicationOwner("registry-replication", new RegistryReplicationOwnerArgs { Members = account.Members, Providers = providers });
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["registryReplicationRuleCounts"] = owner.RuleCounts };
    }
}
