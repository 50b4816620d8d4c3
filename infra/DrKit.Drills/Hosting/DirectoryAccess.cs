namespace DrKit.Drills.Hosting;

/// <summary>
/// Checks that the server account can reach the drill directory. Changing permissions of directories the
/// drill did not create (a home directory, say) would widen access behind the user's back, so a blocked
/// ancestor is reported rather than silently opened.
/// </summary>
internal static class DirectoryAccess
{
    public static void EnsureTraversable(string path, ServerAccount account)
    {
        if (!account.DropsPrivileges || !OperatingSystem.IsLinux())
        {
            return;
        }

        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                throw new InvalidOperationException(
                    $"The drill directory {path} sits under {dir}, which the '{account.UserName}' account cannot enter. " +
                    "Choose a temp root under a world-traversable directory such as /tmp, or run 'chmod o+x' on it.");
            }
        }
    }
}
