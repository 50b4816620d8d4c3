using System.Net.Sockets;

namespace DrKit.Drills.Resp;

/// <summary>
/// A minimal RESP2 client over one TCP connection. Commands are serialised; a cancelled or failed command
/// leaves the stream in an unknown position, so the client marks itself broken and callers reconnect.
/// </summary>
public sealed class RespClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly RespReader _reader;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _broken;

    private RespClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new RespReader(_stream);
    }

    public string Host { get; private init; } = string.Empty;

    public int Port { get; private init; }

    /// <summary>False after a protocol, I/O or cancellation failure; such a client must be disposed.</summary>
    public bool IsUsable => !_broken && _tcp.Connected;

    public static async Task<RespClient> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                await tcp.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {host}:{port} took longer than {timeout.TotalMilliseconds} ms.");
            }

            return new RespClient(tcp) { Host = host, Port = port };
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply; server errors come back as <see cref="RespKind.Error"/>.</summary>
    public async Task<RespValue> ExecuteAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var payload = RespCommandWriter.Encode(args);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_broken, this);
            try
            {
                await _stream.WriteAsync(payload, ct).ConfigureAwait(false);
                return await _reader.ReadAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                _broken = true;
                _tcp.Close();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<RespValue> ExecuteAsync(CancellationToken ct, params string[] args) => ExecuteAsync((IReadOnlyList<string>)args, ct);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _broken = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
            _tcp.Dispose();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }
}
