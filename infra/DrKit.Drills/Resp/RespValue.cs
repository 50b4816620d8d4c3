namespace DrKit.Drills.Resp;

/// <summary>The RESP2 reply types.</summary>
public enum RespKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,

    /// <summary>A null bulk string ($-1) or null array (*-1): "no value", distinct from an empty one.</summary>
    Null,
}

/// <summary>One parsed RESP2 reply. Text carries simple strings, errors and bulk strings; Items carries arrays.</summary>
public sealed record RespValue(RespKind Kind, string? Text, long Integer, IReadOnlyList<RespValue> Items)
{
    public static readonly RespValue NullValue = new(RespKind.Null, null, 0, []);

    public static RespValue Simple(string text) => new(RespKind.SimpleString, text, 0, []);

    public static RespValue Error(string message) => new(RespKind.Error, message, 0, []);

    public static RespValue Int(long value) => new(RespKind.Integer, null, value, []);

    public static RespValue Bulk(string text) => new(RespKind.BulkString, text, 0, []);

    public static RespValue Array(IReadOnlyList<RespValue> items) => new(RespKind.Array, null, 0, items);

    public bool IsError => Kind == RespKind.Error;

    public bool IsNull => Kind == RespKind.Null;

    /// <summary>Throws when the server answered with an error, so callers that expect success fail loudly.</summary>
    public RespValue ThrowIfError()
    {
        return IsError ? throw new RespErrorException(Text ?? string.Empty) : this;
    }

    public override string ToString() => Kind switch
    {
        RespKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RespKind.Array => "[" + string.Join(", ", Items) + "]",
        RespKind.Null => "(nil)",
        RespKind.Error => "ERR " + Text,
        _ => Text ?? string.Empty,
    };
}
