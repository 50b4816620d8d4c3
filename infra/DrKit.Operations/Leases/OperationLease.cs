using System.Globalization;
using System.Text.Json;
using DrKit.Core.Json;

namespace DrKit.Operations.Leases;

/// <summary>
/// Who runs an operation on a stack: one failover, failback, drill or teardown at a time holds the stack's lease.
/// Kept as a small JSON document in every <see cref="IOperationStateStore"/> the operation uses.
/// </summary>
/// <param name="Stack">The stack the operation changes.</param>
/// <param name="Operation">failover, failback, drill or teardown.</param>
/// <param name="OperationId">The journal's operation id, which <c>--resume</c> continues.</param>
/// <param name="Host">Machine the holder runs on.</param>
/// <param name="Pid">Holder's process id on that machine.</param>
/// <param name="ProcessStartedAt">When that process started, so a reused pid is not taken for the holder.</param>
/// <param name="StartedAt">When the lease was taken.</param>
public sealed record OperationLease(string Stack, string Operation, string OperationId, string Host, int Pid, DateTimeOffset? ProcessStartedAt, DateTimeOffset StartedAt)
{
    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = LeaseJsonContext.Default };

    /// <summary>The holder as a person reads it in a refusal.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Operation} (operation {OperationId}) on host {Host}, pid {Pid}, started {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");

    /// <summary>A lease for the calling process.</summary>
    public static OperationLease ForThisProcess(string stack, string operation, string operationId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new OperationLease(stack, operation, operationId, Environment.MachineName, Environment.ProcessId, new DateTimeOffset(self.StartTime.ToUniversalTime()), time.GetUtcNow());
    }

    public string ToJson() => TypedJson.Serialize(this, Json);

    /// <summary>Parses a stored lease; null when the document is not one (it is then reported, never guessed at).</summary>
    public static OperationLease? FromJson(string json)
    {
        try
        {
            return TypedJson.Deserialize<OperationLease>(json, Json) is { Stack: not null, Operation: not null, OperationId: not null, Host: not null } lease ? lease : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this is the very process in <paramref name="other"/> (same host, pid and process start).</summary>
    public bool SameHolder(OperationLease other) =>
        other is not null && Host == other.Host && Pid == other.Pid && ProcessStartedAt == other.ProcessStartedAt;
}

/// <summary>Compile-time JSON metadata for leases.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(OperationLease))]
internal sealed partial class LeaseJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
