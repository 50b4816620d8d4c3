using System.Globalization;

namespace DrKit.Drills.Postgres;

/// <summary>
/// Locates PostgreSQL server binaries in Debian's layout, /usr/lib/postgresql/&lt;version&gt;/bin. PATH is
/// deliberately not consulted: wrapper scripts or stale copies there may belong to another version.
/// </summary>
public sealed record PostgresBinaries(int MajorVersion, string BinDirectory)
{
    public const string Root = "/usr/lib/postgresql";

    public string Initdb => Path.Combine(BinDirectory, "initdb");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    public string BaseBackup => Path.Combine(BinDirectory, "pg_basebackup");

    /// <summary>Picks the newest installed major version that has both initdb and postgres.</summary>
    public static PostgresBinaries Discover(string root = Root)
    {
        var found = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(dir => (Dir: dir, Ok: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v), Version: v))
                .Where(x => x.Ok && File.Exists(Path.Combine(x.Dir, "bin", "initdb")) && File.Exists(Path.Combine(x.Dir, "bin", "postgres")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault()
            : default;
        return found.Dir is null
            ? throw new InvalidOperationException(
                $"No PostgreSQL server found under {root}/<version>/bin. Install it with 'apt-get install -y postgresql'.")
            : new PostgresBinaries(found.Version, Path.Combine(found.Dir, "bin"));
    }
}
