namespace DrKit.Operations.Gateway;

/// <summary>
/// A DR operation could not start or continue for a reason the operator can fix; the message names what is missing
/// and what to do. <see cref="IsBadInput"/> separates a wrong argument from a broken environment.
/// </summary>
public abstract class OperationException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the operator asked for something that does not exist or is not allowed.</summary>
    public abstract bool IsBadInput { get; }
}

/// <summary>The <c>pulumi</c> CLI is not on PATH (or does not run).</summary>
public sealed class PulumiCliMissingException(string message, Exception? inner = null) : OperationException(message, inner)
{
    public override bool IsBadInput => false;
}

/// <summary>No cloud credentials: no AWS_* variables, no profile, or the provider rejected them.</summary>
public sealed class CredentialsMissingException(string message, Exception? inner = null) : OperationException(message, inner)
{
    public override bool IsBadInput => false;
}

/// <summary>The named stack does not exist in the backend.</summary>
public sealed class StackNotFoundException(string stack, string message, Exception? inner = null) : OperationException(message, inner)
{
    public string Stack { get; } = stack;

    public override bool IsBadInput => true;
}

/// <summary>A program refused to act (e.g. tearing down a stack not marked ephemeral); nothing was changed.</summary>
public sealed class OperationRefusedException(string message) : OperationException(message)
{
    public override bool IsBadInput => true;
}

/// <summary>The stack engine ran but the command failed (a deployment error); the message carries its diagnostics.</summary>
public sealed class StackCommandFailedException(string message, Exception? inner = null) : OperationException(message, inner)
{
    public override bool IsBadInput => false;
}

/// <summary>The backend keeps no stack tags (Pulumi's DIY backends: file://, s3://, azblob://, gs://); config works everywhere.</summary>
public sealed class StackTagsUnsupportedException(string message, Exception? inner = null) : OperationException(message, inner)
{
    public override bool IsBadInput => false;
}
