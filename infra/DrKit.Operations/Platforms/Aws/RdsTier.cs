namespace DrKit.Operations.Platforms.Aws;

/// <summary>An RDS PostgreSQL tier as a failover acts on it: instances, the fence group and the production settings.</summary>
/// <param name="FenceSecurityGroup">Security group without ingress rules, declared by the stack for the fence.</param>
/// <param name="ClientSecurityGroups">The groups the primary is declared with; an unfence restores them.</param>
/// <param name="ProductionClass">Instance class of the writer; a pilot-light replica is resized to it after promotion.</param>
/// <param name="BackupRetentionDays">Automated backups of the promoted writer (point-in-time recovery from the first minute).</param>
public sealed record RdsTier(
    string Component,
    string PrimaryRegion,
    string RecoveryRegion,
    string PrimaryInstance,
    string ReplicaInstance,
    string FenceSecurityGroup,
    IReadOnlyList<string> ClientSecurityGroups,
    string ProductionClass,
    int BackupRetentionDays)
{
    /// <summary>The SSM parameter holding the writer's address in every serving region; null when the stack does not
    /// declare one (deployed before it did, or no cross-region member), and then nothing is written.</summary>
    public string? WriterParameter { get; init; }

    /// <summary>The regions whose copy of <see cref="WriterParameter"/> a writer move rewrites: every serving region.</summary>
    public IReadOnlyList<string> ParameterRegions { get; init; } = [];
}
