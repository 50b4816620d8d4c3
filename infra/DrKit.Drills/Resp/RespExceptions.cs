namespace DrKit.Drills.Resp;

/// <summary>The server replied with a RESP error (e.g. "READONLY You can't write against a read only replica.").</summary>
public sealed class RespErrorException : Exception
{
    public RespErrorException(string message)
        : base(message)
    {
    }

    public RespErrorException()
    {
    }

    public RespErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The byte stream was not valid RESP2 or ended mid-reply; the connection cannot be reused.</summary>
public sealed class RespProtocolException : Exception
{
    public RespProtocolException(string message)
        : base(message)
    {
    }

    public RespProtocolException()
    {
    }

    public RespProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
