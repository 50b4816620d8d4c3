namespace DrKit.Operations.Cloud;

/// <summary>How dry runs print a command's arguments so that a POSIX shell reads them back unchanged.</summary>
public static class ShellText
{
    private const string Plain = "-_./:=,@+%";

    /// <summary>
    /// The argument as is when it holds only letters, digits, <c>-_./:=,@+%</c> and <paramref name="alsoPlain"/>;
    /// otherwise single-quoted, with a quote inside written <c>'\''</c>.
    /// </summary>
    public static string Quote(string argument, string alsoPlain = "")
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || Plain.Contains(c, StringComparison.Ordinal) || alsoPlain.Contains(c, StringComparison.Ordinal))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
