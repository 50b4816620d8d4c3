using System.Globalization;

namespace DrKit.Core.Platforms.Aws;

/// <summary>
/// Limits AWS enforces on what DrKit declares, checked when a stack is planned so that a preview never meets
/// them first. Each limit names the documentation it comes from.
/// </summary>
public static class AwsLimits
{
    /// <summary>
    /// ElastiCache replication group ids: 1-40 letters, digits or hyphens, starting with a letter, never ending with
    /// a hyphen or holding two in a row.
    /// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html
    /// RDS instance and snapshot identifiers share the hyphen rules.
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    /// </summary>
    public const int ReplicationGroupIdMax = 40;

    /// <summary>Pulumi auto-names a resource <c>&lt;name&gt;-&lt;7 random characters&gt;</c>: 8 characters are its own.</summary>
    public const int AutonameSuffix = 8;

    /// <summary>
    /// S3 rejects a lifecycle transition to STANDARD_IA (or ONEZONE_IA) earlier than 30 days after creation.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
    /// </summary>
    public const int InfrequentAccessMinDays = 30;

    /// <summary>
    /// Node families a Global Datastore runs on, size large and above; previous generations and burstable types are
    /// refused. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
    /// </summary>
    public static readonly IReadOnlyList<string> GlobalDatastoreFamilies = ["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"];

    private static readonly string[] SmallSizes = ["nano", "micro", "small", "medium"];

    /// <summary>
    /// ECR repository names: lower-case letters and digits, in parts joined by one '.', '_' or '-', parts separated
    /// by '/'. https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html (repositoryName)
    /// </summary>
    public const string EcrPartExpected = "lower-case letters and digits, joined by single '.', '_' or '-' (such as rag-assistant)";

    /// <summary>Whether <paramref name="part"/> can be one '/'-separated part of an ECR repository name.</summary>
    public static bool IsEcrPart(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var separated = true;
        foreach (var c in part)
        {
            var separator = c is '.' or '_' or '-';
            if (!separator && !char.IsAsciiDigit(c) && !char.IsAsciiLetterLower(c))
            {
                return false;
            }

            if (separator && separated)
            {
                return false;
            }

            separated = separator;
        }

        return part.Length > 0 && !separated;
    }

    /// <summary>
    /// The suffix DrKit gives a Global Datastore id (<c>&lt;stack&gt;-&lt;component&gt;</c>, normalised). ElastiCache
    /// prefixes it with a region code of its own; the suffix follows the replication group id rules and leaves room
    /// for that prefix (the API documents no separate limit: the cap is the group id's, less the prefix).
    /// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateGlobalReplicationGroup.html
    /// </summary>
    public static string GlobalDatastoreSuffix(string stack, string component) =>
        AwsNames.Identifier($"{stack}-{component}", ReplicationGroupIdMax - GlobalDatastorePrefix);

    /// <summary>The region code and hyphen ElastiCache puts before a Global Datastore suffix (e.g. <c>ldgnf-</c>).</summary>
    public const int GlobalDatastorePrefix = 6;

    /// <summary>
    /// KMS waits 7 to 30 days before it deletes a key (ScheduleKeyDeletion PendingWindowInDays, default 30).
    /// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
    /// </summary>
    public const int KmsMinDeletionWindowDays = 7;

    /// <summary>
    /// The deletion window DrKit asks for a key: the shortest KMS allows for a key of an ephemeral (drill) stack, so a
    /// drill leaves as little pending as it can; null (KMS's 30-day default) for a key that guards a real stack's data.
    /// </summary>
    public static int? KeyDeletionWindowDays(bool ephemeral) => ephemeral ? KmsMinDeletionWindowDays : null;

    /// <summary>
    /// The recovery window DrKit asks for a secret it names itself. Secrets Manager keeps a deleted secret's name
    /// reserved for its recovery window (0, or 7 to 30 days; default 30), and CreateSecret of that name fails meanwhile
    /// (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html). An ephemeral (drill)
    /// stack is torn down and re-created under names it reuses, so its secrets go at once (0); a real stack's keep the
    /// shortest window that still allows <c>restore-secret</c> after a mistaken destroy (7), rather than blocking a
    /// rebuild of the stack for a month.
    /// </summary>
    public static int SecretRecoveryWindowDays(bool ephemeral) => ephemeral ? 0 : SecretsMinRecoveryWindowDays;

    /// <summary>The shortest recovery window Secrets Manager allows other than 0 (deletion without recovery).</summary>
    public const int SecretsMinRecoveryWindowDays = 7;

    /// <summary>Why ElastiCache and RDS would refuse a name built from <paramref name="name"/>; null when they accept it.</summary>
    public static string? HyphenProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains("--", StringComparison.Ordinal))
        {
            return "must not contain '--': ElastiCache and RDS reject identifiers with two hyphens in a row";
        }

        return name.EndsWith('-') ? "must not end with '-': ElastiCache and RDS reject identifiers that end with a hyphen" : null;
    }

    /// <summary>The longest Redis component name whose replication group in <paramref name="region"/> fits: the
    /// resource is named <c>&lt;component&gt;-&lt;region&gt;</c> and auto-named with a random suffix.</summary>
    public static int MaxRedisComponentName(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return ReplicationGroupIdMax - AutonameSuffix - 1 - region.Length;
    }

    /// <summary>Why a Global Datastore would refuse <paramref name="nodeType"/> (e.g. <c>cache.r7g.large</c>); null when accepted.</summary>
    public static string? GlobalDatastoreNodeProblem(string nodeType)
    {
        ArgumentNullException.ThrowIfNull(nodeType);
        var parts = nodeType.Split('.');
        if (parts.Length != 3 || parts[0] != "cache")
        {
            return $"'{nodeType}' is not an ElastiCache node type such as cache.r7g.large";
        }

        if (!GlobalDatastoreFamilies.Contains(parts[1], StringComparer.Ordinal))
        {
            return $"'{nodeType}': a Global Datastore runs on the {string.Join(", ", GlobalDatastoreFamilies)} families only";
        }

        return SmallSizes.Contains(parts[2], StringComparer.Ordinal)
            ? $"'{nodeType}': a Global Datastore needs size large or above"
            : null;
    }

    /// <summary>
    /// The default cluster-mode parameter group of an engine version: <c>default.redis7.cluster.on</c> from 7,
    /// <c>default.redis6.x.cluster.on</c> for 6.x, <c>default.redis5.0.cluster.on</c> and
    /// <c>default.redis4.0.cluster.on</c> before; null for versions without one (cluster mode needs 3.2 or later).
    /// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html
    /// </summary>
    public static string? ClusterParameterGroup(string engineVersion)
    {
        ArgumentNullException.ThrowIfNull(engineVersion);
        var parts = engineVersion.Split('.');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        return major switch
        {
            >= 7 => $"default.redis{major}.cluster.on",
            6 => "default.redis6.x.cluster.on",
            5 or 4 => $"default.redis{major}.0.cluster.on",
            3 when parts.Length > 1 && parts[1] == "2" => "default.redis3.2.cluster.on",
            _ => null,
        };
    }
}
