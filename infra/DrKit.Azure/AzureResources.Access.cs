using DrKit.Core.Platforms.Azure;
using Pulumi;
using PulumiAzure = Pulumi.Azure;

namespace DrKit.Azure;

public sealed partial class AzureResources
{
    /// <summary>Role assignments and access policies of each region's GPU fleet identity, as <see cref="AzureFleetAccess"/>
    /// decides, each scoped to one resource of this stack and managed through the provider of the identity's region (the
    /// registry's through its home region's). Declared after every component, whose ids they scope to.</summary>
    private void FleetGrants(Resource? parent)
    {
        foreach (var (region, identity) in FleetIdentities)
        {
            foreach (var grant in AzureFleetAccess.For(Operations.Plan, region))
            {
                if (!Scopes.TryGetValue((grant.Component, grant.Region), out var scope))
                {
                    throw new InvalidOperationException($"{grant.Component} declared no resource in {grant.Region ?? "its home region"} for the GPU fleet's {grant.Role}.");
                }

                var name = $"{grant.Component}-fleet-{region}";
                var location = grant.Region ?? Operations.Plan.PrimaryRegion;
                var options = new CustomResourceOptions { Parent = parent, Provider = Providers.For(location) };
                if (grant.Role == AzureFleetAccess.RedisAccessPolicy)
                {
                    _ = new PulumiAzure.ManagedRedis.AccessPolicyAssignment($"{name}-access", new PulumiAzure.ManagedRedis.AccessPolicyAssignmentArgs
                    {
                        ManagedRedisId = scope,
                        ObjectId = identity.PrincipalId,
                    }, options);
                    continue;
                }

                _ = new PulumiAzure.Authorization.Assignment($"{name}-role", new PulumiAzure.Authorization.AssignmentArgs
                {
                    Scope = scope,
                    RoleDefinitionName = grant.Role,
                    PrincipalId = identity.PrincipalId,
                    PrincipalType = "ServicePrincipal",
                }, options);
            }
        }
    }
}
