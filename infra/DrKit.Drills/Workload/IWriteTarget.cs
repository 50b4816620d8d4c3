namespace DrKit.Drills.Workload;

/// <summary>A data tier the workload writes to: opens sessions on an endpoint and reads back what survived.</summary>
public interface IWriteTarget
{
    /// <summary>Tier name, e.g. "postgres".</summary>
    string Name { get; }

    Task<IWriteSession> OpenAsync(RouteTarget target, TimeSpan timeout, CancellationToken ct);

    /// <summary>Sequence numbers present on the endpoint, to find acknowledged writes that were lost.</summary>
    Task<IReadOnlySet<long>> ReadSequencesAsync(RouteTarget target, CancellationToken ct);
}

/// <summary>One open connection; a failed write means the session must be discarded.</summary>
public interface IWriteSession : IAsyncDisposable
{
    /// <summary>Writes one sequence number; returns once the server acknowledged it.</summary>
    Task WriteAsync(long seq, CancellationToken ct);
}
