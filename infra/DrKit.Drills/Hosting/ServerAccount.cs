namespace DrKit.Drills.Hosting;

/// <summary>
/// The OS account server processes run as. PostgreSQL refuses to run as root, so when the drill runs as
/// root (containers, CI) servers run as the <c>postgres</c> account through <c>setpriv</c>, which execs in
/// place: the pid the harness tracks is the server's own pid, not a wrapper's. As any other user, servers
/// run as that user directly.
/// </summary>
public sealed record ServerAccount(string? UserName, int Uid, int Gid)
{
    /// <summary>True when commands must be wrapped to drop root privileges.</summary>
    public bool DropsPrivileges => UserName is not null;

    public static ServerAccount Current { get; } = Detect();

    /// <summary>Returns the executable and arguments that run <paramref name="fileName"/> as this account.</summary>
    public (string FileName, IReadOnlyList<string> Args) Wrap(string fileName, IReadOnlyList<string> args)
    {
        if (!DropsPrivileges)
        {
            return (fileName, args);
        }

        List<string> wrapped = ["--reuid=" + Uid, "--regid=" + Gid, "--init-groups", "--", fileName, .. args];
        return ("setpriv", wrapped);
    }

    /// <summary>Hands a directory the drill created to the server account (no-op when not root).</summary>
    public void Own(string path)
    {
        if (DropsPrivileges)
        {
            Posix.ChangeOwner(path, Uid, Gid);
        }
    }

    private static ServerAccount Detect()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return new ServerAccount(null, -1, -1);
        }

        const string name = "postgres";
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name)
            {
                return new ServerAccount(name, int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException(
            "Running as root, but there is no 'postgres' account to run PostgreSQL as; install the postgresql package.");
    }
}
