using DrKit.Operations.Gateway;

namespace DrKit.Operations.Cloud;

/// <summary>A cloud CLI DrKit needs (the AWS CLI) is not on PATH or does not start.</summary>
public sealed class CloudCliMissingException(string program, string message, Exception? inner = null) : OperationException(message, inner)
{
    public string Program { get; } = program;

    public override bool IsBadInput => false;
}

/// <summary>A cloud CLI ran and failed, or did not reach the expected state in time; the message carries its stderr.</summary>
public sealed class CloudCommandFailedException(string message, Exception? inner = null) : OperationException(message, inner)
{
    public override bool IsBadInput => false;
}
