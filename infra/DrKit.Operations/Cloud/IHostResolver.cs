using System.Net;

namespace DrKit.Operations.Cloud;

/// <summary>Resolves a host name through DNS: a data-plane read that asks no cloud control plane in any region.</summary>
public interface IHostResolver
{
    /// <summary>The addresses <paramref name="host"/> resolves to now; throws when it does not resolve.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>The operating system's resolver.</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct) =>
        await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
}
