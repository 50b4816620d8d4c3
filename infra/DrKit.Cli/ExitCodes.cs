namespace DrKit.Cli;

/// <summary>Exit codes CI can gate on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and found what it looks for: a regression, a mandatory violation, a missed target.</summary>
    public const int Findings = 1;

    /// <summary>Bad input: a stack file, a key, an argument; nothing was changed.</summary>
    public const int BadInput = 2;

    /// <summary>Something outside DrKit failed (a server, the Pulumi CLI, credentials).</summary>
    public const int Failed = 3;
}
