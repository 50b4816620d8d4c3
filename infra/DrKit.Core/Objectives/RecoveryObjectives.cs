namespace DrKit.Core.Objectives;

/// <summary>Target recovery time and recovery point. <see cref="Rpo"/> is null for stateless components.</summary>
public sealed record RecoveryObjectives(TimeSpan Rto, TimeSpan? Rpo);
