namespace DrKit.Failover;

/// <summary>
/// Undoes a failed fence or promotion so that every data tier keeps a primary: a tier whose replica did not become
/// primary gets its old primary unfenced. Each call has its own timeout so one hung tier cannot strand the others.
/// Two writers are never risked: the replica's role is read from the real system before anything is unfenced, and
/// a tier whose promotion was requested without a definite answer (timed out, crashed) keeps its old primary fenced
/// whatever the read says, since a promotion accepted by the service may still be under way.
/// </summary>
internal sealed class PrimaryRestorer(TimeProvider time, TimeSpan callTimeout)
{
    /// <summary>Set when this run could not reach the old primary's region (a fence attempt failed to reach it): a
    /// service that still lists the old primary then does not count as a primary kept.</summary>
    public bool PrimaryRegionUnreachable { get; init; }

    /// <param name="promotionsInDoubt">Tiers whose promotion was requested and neither confirmed nor definitely refused.</param>
    public async Task<RollbackReport> RestoreAsync(IReadOnlyList<DataTier> tiers, IReadOnlySet<string> promotionsInDoubt, StepContext context)
    {
        List<string> restored = [], promoted = [], noPrimary = [], unknown = [], unchanged = [], stranded = [];
        foreach (var tier in tiers)
        {
            var promoter = tier.Promoter;
            context.Progress = $"restoring {promoter.Name}";
            var isPromoted = await TryAsync(promoter.IsPromotedAsync, context.Token).ConfigureAwait(false);
            if (isPromoted.Value)
            {
                promoted.Add(promoter.Name);
                continue;
            }

            if (isPromoted.Succeeded && promotionsInDoubt.Contains(promoter.Name))
            {
                unknown.Add($"{promoter.Name} (promotion was requested and not answered; it may still take effect)");
                continue;
            }

            if (!isPromoted.Succeeded)
            {
                // Unfencing while the replica may already be primary would risk two primaries taking writes.
                unknown.Add($"{promoter.Name} ({isPromoted.Error})");
                continue;
            }

            var status = await TryAsync(promoter.GetStatusAsync, context.Token).ConfigureAwait(false);
            if (status.Value is { PrimaryReachable: false, OldPrimaryRole: { } listed } && IsPrimaryRole(listed) && PrimaryRegionUnreachable)
            {
                // Read in the recovery region, the member list still names the old member PRIMARY while its region is
                // down: that says nothing of whether it serves.
                stranded.Add($"{promoter.Name} (its service still lists the old primary as {listed}; its region was not reachable from this run, it serves only if its region does)");
                continue;
            }

            if (status.Value is { PrimaryReachable: false, OldPrimaryRole: { } role } && IsPrimaryRole(role))
            {
                // Nothing reaches this old primary and nothing fenced it (a Global Datastore has no fence): its service
                // still names it primary, so the tier keeps its writer and there is nothing to undo.
                unchanged.Add($"{promoter.Name} (its service reports the old primary as {role})");
                continue;
            }

            if (status.Value is not { PrimaryReachable: true })
            {
                noPrimary.Add($"{promoter.Name} (old primary unreachable{Suffix(status.Error)})");
                continue;
            }

            var unfenced = await BoundedCall.TryAsync(time, callTimeout, promoter.UnfenceAsync, context.Token).ConfigureAwait(false);
            if (unfenced.Succeeded)
            {
                restored.Add(promoter.Name);
            }
            else
            {
                noPrimary.Add($"{promoter.Name} (unfence failed: {unfenced.Error})");
            }
        }

        return new RollbackReport(restored, promoted, noPrimary, unknown, unchanged) { Stranded = stranded };
    }

    private static bool IsPrimaryRole(string role) => string.Equals(role, "PRIMARY", StringComparison.OrdinalIgnoreCase);

    private static string Suffix(string? error) => error is null ? string.Empty : $": {error}";

    private Task<Attempt<T>> TryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        BoundedCall.TryAsync(time, callTimeout, call, ct);
}
