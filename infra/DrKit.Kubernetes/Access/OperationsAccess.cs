using DrKit.Core.Platforms.Kubernetes;
using Pulumi;
using Pulumi.Kubernetes.Rbac.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Inputs.Rbac.V1;

namespace DrKit.Kubernetes.Access;

public sealed class OperationsAccessArgs : ResourceArgs
{
    /// <summary>DrKit's namespace in every cluster.</summary>
    public required string Namespace { get; init; }

    /// <summary>The regions whose clusters DrKit operates in.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Who runs the operations; without subjects the roles are declared for the operator to bind.</summary>
    public required IReadOnlyList<KubernetesSubject> Subjects { get; init; }

    public required ClusterProviders Providers { get; init; }

    /// <summary>The objects operations call by name, which the rules are limited to (<see cref="OperatedObjects.Of"/>).</summary>
    public required OperatedObjects Objects { get; init; }
}

/// <summary>
/// The RBAC DrKit's failover and failback operations need in each cluster (<see cref="KubernetesAccess"/>): a Role
/// in DrKit's namespace, limited to the objects DrKit operates, and a ClusterRole (nodes only where it counts GPUs on
/// them), each bound to the configured subjects. Declared, not documented,
/// so a least-privilege operator is never refused half-way through a failover.
/// https://kubernetes.io/docs/reference/access-authn-authz/rbac/
/// </summary>
public sealed class OperationsAccess : ComponentResource
{
    public const string TypeToken = "drkit:kubernetes:OperationsAccess";
    public const string RbacGroup = "rbac.authorization.k8s.io";

    public OperationsAccess(string name, OperationsAccessArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var ns = args.Namespace;
        var clusterRole = KubernetesAccess.ClusterRoleName(ns);
        foreach (var region in args.Regions)
        {
            var opts = args.Providers.For(region, this);
            var role = new Role($"{name}-{region}-role", new RoleArgs
            {
                Metadata = new ObjectMetaArgs { Name = KubernetesAccess.RoleName, Namespace = ns, Labels = Labels },
                Rules = Rules(KubernetesAccess.NamespaceRules(args.Objects)),
            }, opts);
            var nodes = new ClusterRole($"{name}-{region}-cluster-role", new ClusterRoleArgs
            {
                Metadata = new ObjectMetaArgs { Name = clusterRole, Labels = Labels },
                Rules = Rules(KubernetesAccess.ClusterRules(args.Objects.NodeRegions.Contains(region))),
            }, opts);
            if (args.Subjects.Count == 0)
            {
                continue;
            }

            _ = new RoleBinding($"{name}-{region}-role-binding", new RoleBindingArgs
            {
                Metadata = new ObjectMetaArgs { Name = KubernetesAccess.RoleName, Namespace = ns, Labels = Labels },
                RoleRef = new RoleRefArgs { ApiGroup = RbacGroup, Kind = "Role", Name = KubernetesAccess.RoleName },
                Subjects = Subjects(args.Subjects),
            }, new CustomResourceOptions { Parent = this, Provider = args.Providers.In(region), DependsOn = { role } });
            _ = new ClusterRoleBinding($"{name}-{region}-cluster-role-binding", new ClusterRoleBindingArgs
            {
                Metadata = new ObjectMetaArgs { Name = clusterRole, Labels = Labels },
                RoleRef = new RoleRefArgs { ApiGroup = RbacGroup, Kind = "ClusterRole", Name = clusterRole },
                Subjects = Subjects(args.Subjects),
            }, new CustomResourceOptions { Parent = this, Provider = args.Providers.In(region), DependsOn = { nodes } });
        }

        RegisterOutputs();
    }

    private static InputMap<string> Labels => new() { { "app.kubernetes.io/managed-by", "drkit" } };

    private static InputList<PolicyRuleArgs> Rules(IEnumerable<AccessRule> rules)
    {
        var list = new InputList<PolicyRuleArgs>();
        foreach (var r in rules)
        {
            var rule = new PolicyRuleArgs { ApiGroups = { r.ApiGroup }, Resources = { r.Resource } };
            foreach (var verb in r.Verbs)
            {
                rule.Verbs.Add(verb);
            }

            foreach (var resourceName in r.ResourceNames)
            {
                rule.ResourceNames.Add(resourceName);
            }

            list.Add(rule);
        }

        return list;
    }

    private static InputList<SubjectArgs> Subjects(IEnumerable<KubernetesSubject> subjects)
    {
        var list = new InputList<SubjectArgs>();
        foreach (var s in subjects)
        {
            var subject = new SubjectArgs { Kind = s.Kind, Name = s.Name };
            if (s.ApiGroup is { } group)
            {
                subject.ApiGroup = group;
            }

            if (s.Namespace is { } ns)
            {
                subject.Namespace = ns;
            }

            list.Add(subject);
        }

        return list;
    }
}
