using System.Globalization;
using System.Text.Json;
using DrKit.Core.Platforms.Aws;

namespace DrKit.Operations.Cloud;

/// <summary>
/// The Azure side of the drill's reads, with the Azure CLI: the source Flexible Server before a restore
/// (<c>az postgres flexible-server show</c>: its <c>id</c>, <c>state</c> and <c>backup.geoRedundantBackup</c>;
/// https://learn.microsoft.com/cli/azure/postgres/flexible-server#az-postgres-flexible-server-show), the restored
/// server's <c>state</c> until it is <c>Ready</c>, and what still carries the drill stack's tag afterwards
/// (https://learn.microsoft.com/cli/azure/resource#az-resource-list). <c>az</c> calls Azure Resource Manager, which
/// serves a resource from its resource group's region: the source server's reads go to the primary's region (the drill
/// acts while the primary is up; it only reads), the restored server's to the drill region.
/// </summary>
public sealed partial class RecoveryPointReader
{
    public const string AzureProgram = Platforms.Azure.AzCommand.Program;

    /// <summary>Whether <paramref name="tier"/> is read with the Azure CLI.</summary>
    public static bool OnAzure(TierRestore tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return tier.Kind is RestoreKind.FlexibleServerGeoRestore or RestoreKind.FlexibleServerPointInTime;
    }

    /// <summary>The CLI a tier's reads run with.</summary>
    public static string ProgramOf(TierRestore tier) => OnAzure(tier) ? AzureProgram : Program;

    /// <summary>The exact command line of a tier's read.</summary>
    public static string CommandLine(TierRestore tier, IReadOnlyList<string> arguments) => $"{ProgramOf(tier)} {string.Join(' ', arguments)}";

    /// <summary><c>az version</c>: the drill fails before creating anything when the Azure CLI is missing.</summary>
    public static IReadOnlyList<string> AzureVersionArguments => Platforms.Azure.AzCommand.VersionArguments;

    private static IReadOnlyList<string> SourceServerArguments(TierRestore tier)
    {
        var (group, name) = Split(tier.SourceName ?? throw new InvalidOperationException($"{tier.Component}: an Azure tier names its source server"));
        return ["postgres", "flexible-server", "show", "--resource-group", group, "--name", name, "--output", "json"];
    }

    private static (string Group, string Name) Split(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, source) : (source[..slash], source[(slash + 1)..]);
    }

    /// <summary>The Azure CLI's version; fails when it is not on PATH.</summary>
    /// <exception cref="CloudCliMissingException">The Azure CLI is not on PATH.</exception>
    /// <exception cref="CloudCommandFailedException">It printed nothing DrKit can read.</exception>
    public async Task<string> EnsureAzureCliAsync(CancellationToken ct)
    {
        using var json = await RunJsonAsync(AzureProgram, AzureVersionArguments, ct).ConfigureAwait(false);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("azure-cli", out var v) ? $"azure-cli {v}" : "azure-cli";
    }

    /// <summary>
    /// The source server as Azure reports it, at the moment of the read. A point-in-time restore restores to exactly that
    /// time; a geo-restore is requested with it and restores the newest geo-backup up to it. Refused (a failed read, so the
    /// tier is not restored in this run) when the server is not <c>Ready</c> or, for a geo-restore, keeps no
    /// geo-redundant backup: geo-backup is set at creation and lost by a promotion
    /// (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-read-replicas-promote).
    /// </summary>
    private RecoveryPoint FlexibleServer(TierRestore tier, JsonElement root, IReadOnlyList<string> arguments)
    {
        var line = CommandLine(tier, arguments);
        static string? Text(JsonElement e, string name) => Platforms.Azure.AzCli.Path(e, name);
        var id = Text(root, "id") ?? throw new CloudCommandFailedException($"'{line}' printed no server id.");
        var state = Text(root, "state");
        if (state != "Ready")
        {
            throw new CloudCommandFailedException($"{id} is {state ?? "in no known state"}, not Ready: nothing is restored from it in this run.");
        }

        var backup = root.TryGetProperty("backup", out var b) ? b : default;
        if (tier.Kind == RestoreKind.FlexibleServerGeoRestore && Text(backup, "geoRedundantBackup") != "Enabled")
        {
            throw new CloudCommandFailedException($"{id} keeps no geo-redundant backup (backup.geoRedundantBackup is {Text(backup, "geoRedundantBackup") ?? "absent"}): " +
                "there is nothing to geo-restore; geo-backup is chosen at creation and a promoted server has none.");
        }

        var now = time.GetUtcNow();
        var earliest = Text(backup, "earliestRestoreDate") is { } e && DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? $", earliest restore point {t:O}"
            : string.Empty;
        return new RecoveryPoint(now, null, tier.Kind == RestoreKind.FlexibleServerGeoRestore
            ? $"requested {now:O} from {id}: geo-restore takes the newest geo-backup up to it{earliest}"
            : $"{id} at {now:O}{earliest}")
        {
            SourceId = id,
        };
    }

    /// <summary>The restored server's <c>state</c>: available once <c>Ready</c>.</summary>
    private static RestoredState FlexibleRestored(JsonElement root, string id) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String
            ? new RestoredState(s.GetString() == "Ready", $"{id}: {s.GetString()}")
            : new RestoredState(false, $"{id}: no state reported");
}
