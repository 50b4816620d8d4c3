using System.Text;

namespace DrKit.Core.Platforms.Aws;

/// <summary>
/// Names DrKit gives resources whose names are unique per account and region (rather than auto-named). Each
/// carries the stack, so two stacks (or a drill stack, whose name carries its start time) in one account never
/// collide; a destroy that leaves a final snapshot behind cannot block another stack's destroy.
/// </summary>
public static class AwsNames
{
    /// <summary>The tag key every resource of a stack carries with the stack's name (a provider default tag); a drill
    /// finds what its stack left behind by it.</summary>
    public const string StackTagKey = "stack";

    /// <summary>RDS DB snapshot identifiers: 1-255 letters, digits and hyphens, starting with a letter, no '--', no trailing '-'
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html, FinalDBSnapshotIdentifier).</summary>
    public const int SnapshotIdMax = 255;

    /// <summary>RDS DB instance identifiers: 1-63 letters, digits and hyphens.</summary>
    public const int DbInstanceIdMax = 63;

    /// <summary>The final snapshot RDS takes when the stack's instance of <paramref name="component"/> is deleted;
    /// <paramref name="region"/> set for an instance outside the primary region (a promoted replica). The snapshot
    /// outlives the destroy that took it, so <paramref name="suffix"/>, drawn once per instance lifetime (a random id
    /// replaced with the instance), keeps a later delete of the same stack and component from failing with
    /// DBSnapshotAlreadyExists.</summary>
    public static string FinalSnapshot(string stack, string component, string? region, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(suffix);
        var name = Identifier(region is null ? $"{stack}-{component}-final" : $"{stack}-{component}-{region}-final", SnapshotIdMax - suffix.Length - 1);
        return $"{name}-{suffix.ToLowerInvariant()}";
    }

    /// <summary>Random bytes of a final snapshot's suffix (6 hex digits).</summary>
    public const int FinalSnapshotSuffixBytes = 3;

    private const int HashLength = 6;

    /// <summary>
    /// The RDS instance a failback re-seeds in the primary region beside the current writer <paramref name="current"/>
    /// (identifiers are unique per region): its stem with the next generation, <c>&lt;stem&gt;-g&lt;N+1&gt;</c>. An earlier
    /// generation suffix (<c>-g&lt;N&gt;</c>, or <c>-fb</c> as generation 1) is stripped first, so names do not grow with
    /// each failback and the suffix survives clipping to 63 characters; the result always differs from
    /// <paramref name="current"/>, since its generation does.
    /// </summary>
    public static string FailbackReplica(string current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var (stem, generation) = GenerationOf(current);
        var suffix = $"-g{(generation + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var next = Identifier(stem, DbInstanceIdMax - suffix.Length).TrimEnd('-') + suffix;
        return next != current ? next : throw new InvalidOperationException($"the re-seed of {current} would take its own name");
    }

    /// <summary>What a dry run shows for the re-seed's identifier, whose generation is only known from the deployed one.</summary>
    public const string NextGenerationPlaceholder = "-g<N+1>";

    /// <summary>The identifier without its generation suffix, and that generation (0 without one).</summary>
    private static (string Stem, long Generation) GenerationOf(string id)
    {
        var at = id.LastIndexOf("-g", StringComparison.Ordinal);
        if (at > 0 && at + 2 < id.Length && id.Length - at - 2 <= 9 && id[(at + 2)..].All(char.IsAsciiDigit))
        {
            return (id[..at], long.Parse(id[(at + 2)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        return id.EndsWith("-fb", StringComparison.Ordinal) && id.Length > 3 ? (id[..^3], 1) : (id, 0);
    }

    /// <summary>Whether <paramref name="text"/> is a DB instance identifier RDS accepts: 1-63 lowercase letters, digits and
    /// hyphens, starting with a letter, no two hyphens in a row, not ending with one
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, DBInstanceIdentifier).</summary>
    public static bool IsDbInstanceIdentifier(string text) =>
        !string.IsNullOrEmpty(text) && text.Length <= DbInstanceIdMax && char.IsAsciiLetterLower(text[0]) && text[^1] != '-'
        && !text.Contains("--", StringComparison.Ordinal) && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Lower-cases and replaces what RDS and ElastiCache identifiers refuse (Pulumi stack names may hold '_' and '.').</summary>
    public static string Identifier(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            var c = char.IsAsciiLetterOrDigit(ch) ? ch : '-';
            if (c == '-' && (s.Length == 0 || s[^1] == '-'))
            {
                continue;
            }

            s.Append(c);
        }

        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            s.Insert(0, "s-");
        }

        var id = s.ToString().TrimEnd('-');
        if (id.Length <= max)
        {
            return id;
        }

        // Cut names keep a hash of the whole text, so two long names that share a prefix stay distinct.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
        return $"{id[..(max - HashLength - 1)].TrimEnd('-')}-{hash}";
    }
}
