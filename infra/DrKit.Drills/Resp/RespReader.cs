using System.Globalization;
using System.Text;

namespace DrKit.Drills.Resp;

/// <summary>
/// Reads RESP2 replies from a stream with its own buffer, so one network read can hold several replies
/// (pipelining) or a reply can span many reads.
/// </summary>
public sealed class RespReader
{
    // Redis nests arrays at most a few levels deep (e.g. SENTINEL replies); a hard cap stops a hostile or
    // corrupt stream from exhausting the stack.
    private const int MaxDepth = 32;
    private const int MaxBulkLength = 512 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    public RespReader(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    }

    public Task<RespValue> ReadAsync(CancellationToken ct) => ReadValueAsync(0, ct);

    private async Task<RespValue> ReadValueAsync(int depth, CancellationToken ct)
    {
        if (depth > MaxDepth)
        {
            throw new RespProtocolException($"RESP arrays nested deeper than {MaxDepth} levels.");
        }

        var line = await ReadLineAsync(ct).ConfigureAwait(false);
        if (line.Length == 0)
        {
            throw new RespProtocolException("Empty RESP line has no type prefix.");
        }

        var body = line[1..];
        switch (line[0])
        {
            case '+':
                return RespValue.Simple(body);
            case '-':
                return RespValue.Error(body);
            case ':':
                return RespValue.Int(ParseLong(body));
            case '$':
                return await ReadBulkAsync(ParseLong(body), ct).ConfigureAwait(false);
            case '*':
                var count = ParseLong(body);
                if (count < 0)
                {
                    return RespValue.NullValue;
                }

                var items = new List<RespValue>((int)Math.Min(count, 1024));
                for (long i = 0; i < count; i++)
                {
                    items.Add(await ReadValueAsync(depth + 1, ct).ConfigureAwait(false));
                }

                return RespValue.Array(items);
            default:
                throw new RespProtocolException($"Unknown RESP type prefix '{line[0]}'.");
        }
    }

    private async Task<RespValue> ReadBulkAsync(long length, CancellationToken ct)
    {
        if (length < 0)
        {
            return RespValue.NullValue;
        }

        if (length > MaxBulkLength)
        {
            throw new RespProtocolException($"Bulk string of {length} bytes exceeds the limit.");
        }

        var total = (int)length + 2;
        await FillAsync(total, ct).ConfigureAwait(false);
        if (_buffer[_start + total - 2] != '\r' || _buffer[_start + total - 1] != '\n')
        {
            throw new RespProtocolException("Bulk string is not terminated by CRLF.");
        }

        var text = Encoding.UTF8.GetString(_buffer, _start, (int)length);
        _start += total;
        return RespValue.Bulk(text);
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var scanned = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_start + scanned, _end - _start - scanned);
            var lf = span.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var lineEnd = _start + scanned + lf;
                if (lineEnd == _start || _buffer[lineEnd - 1] != '\r')
                {
                    throw new RespProtocolException("RESP line is not terminated by CRLF.");
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, lineEnd - 1 - _start);
                _start = lineEnd + 1;
                return line;
            }

            scanned = _end - _start;
            await FillAsync(scanned + 1, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Ensures at least <paramref name="count"/> unread bytes are buffered.</summary>
    private async Task FillAsync(int count, CancellationToken ct)
    {
        while (_end - _start < count)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new RespProtocolException("Connection closed in the middle of a RESP reply.");
            }

            _end += read;
        }
    }

    private static long ParseLong(string text)
    {
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RespProtocolException($"'{text}' is not a RESP integer.");
    }
}
