using System.Net.Sockets;
using DrKit.Operations.Cloud;
using DrKit.Operations.Platforms.Aws;

namespace DrKit.Operations.Platforms.Azure;

/// <summary>
/// Verifies that a Flexible Server writer virtual endpoint points at the promoted server. The endpoint is a child of the
/// original primary, in the primary region's resource group ("all operations involving virtual endpoints … are performed
/// in the context of the primary server",
/// https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-virtual-endpoints), so reading it
/// with <c>az postgres flexible-server virtual-endpoint show</c> would be an ARM call in the failed region. Its DNS name
/// (<c>&lt;name&gt;.writer.postgres.database.azure.com</c>) is read instead: it must resolve to an address of the promoted
/// server's own name. The replica's role alone does not say where clients that use the endpoint land.
/// </summary>
public static class WriterEndpointCheck
{
    /// <summary>The DNS suffix of Flexible Server names and of their virtual endpoints' writer names.</summary>
    public const string Suffix = "postgres.database.azure.com";

    public static string WriterHost(string endpoint) => $"{endpoint}.writer.{Suffix}";

    public static string ServerHost(string server) => $"{server}.{Suffix}";

    /// <summary>A verification probe: the writer name resolves to an address of <paramref name="pair"/>'s replica.</summary>
    public static CloudCheck For(FlexibleServerPair pair, string endpoint, IHostResolver dns, TimeProvider time) =>
        new($"{pair.Component} writer endpoint", $"{WriterHost(endpoint)} resolves to {ServerHost(pair.Replica)}", async ct =>
        {
            try
            {
                var writer = await dns.ResolveAsync(WriterHost(endpoint), ct).ConfigureAwait(false);
                var promoted = await dns.ResolveAsync(ServerHost(pair.Replica), ct).ConfigureAwait(false);
                return writer.Intersect(promoted).Any()
                    ? (true, $"{WriterHost(endpoint)} -> {string.Join(", ", writer)} ({pair.Replica})")
                    : (false, $"{WriterHost(endpoint)} -> {string.Join(", ", writer)}, not {pair.Replica} ({string.Join(", ", promoted)}): clients of the writer endpoint do not reach the promoted server");
            }
            catch (SocketException e)
            {
                return (false, $"writer endpoint cannot be confirmed: {e.Message}");
            }
        }, time);
}
