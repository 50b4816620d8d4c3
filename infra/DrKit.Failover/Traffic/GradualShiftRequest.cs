namespace DrKit.Failover;

/// <summary>A staged move of traffic to a region (typically failback), watched through the error rate.</summary>
public sealed record GradualShiftRequest
{
    /// <summary>Journal operation id for this shift.</summary>
    public required string OperationId { get; init; }

    public required ITrafficSwitch TrafficSwitch { get; init; }

    public required IErrorRateProbe ErrorRate { get; init; }

    /// <summary>Region receiving traffic.</summary>
    public required string TargetRegion { get; init; }

    /// <summary>Percent on the target after each stage, strictly increasing, each 1..100.</summary>
    public IReadOnlyList<int> Stages { get; init; } = [10, 50, 100];

    /// <summary>How long each stage runs before its error rate is judged.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Error rate (0..1) above which a stage is rolled back; null disables this check.</summary>
    public double? MaxErrorRate { get; init; } = 0.05;

    /// <summary>Rise over the baseline measured before the first stage above which a stage is rolled back; null disables it.</summary>
    public double? MaxErrorRateRise { get; init; } = 0.02;

    /// <summary>Bound on shifting and reading state in one stage, on top of <see cref="SettleTime"/>; also bounds the baseline and rollback.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OperationId);
        ArgumentNullException.ThrowIfNull(TrafficSwitch);
        ArgumentNullException.ThrowIfNull(ErrorRate);
        ArgumentException.ThrowIfNullOrWhiteSpace(TargetRegion);
        ArgumentNullException.ThrowIfNull(Stages);
        ArgumentOutOfRangeException.ThrowIfLessThan(SettleTime, TimeSpan.Zero);
        if (Stages.Count == 0 || Stages.Any(s => s is < 1 or > 100) || Stages.Zip(Stages.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("Stages must be strictly increasing percentages between 1 and 100.", nameof(Stages));
        }

        if (MaxErrorRate is null && MaxErrorRateRise is null)
        {
            throw new ArgumentException("Set MaxErrorRate and/or MaxErrorRateRise; a shift nobody watches is not gradual.", nameof(MaxErrorRate));
        }
    }
}
