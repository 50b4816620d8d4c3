namespace DrKit.Failover;

/// <summary>Reads the current request error rate; gradual traffic shifts watch it between stages.</summary>
public interface IErrorRateProbe
{
    /// <summary>Fraction of failing requests, 0..1.</summary>
    Task<double> GetErrorRateAsync(CancellationToken ct);
}
