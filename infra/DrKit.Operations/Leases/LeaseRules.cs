namespace DrKit.Operations.Leases;

/// <summary>What to do about a lease someone else holds.</summary>
/// <param name="TakeOver">True when the caller may replace the lease.</param>
/// <param name="Message">Why not (the holder named), or what the take-over means.</param>
public sealed record LeaseDecision(bool TakeOver, string Message);

/// <summary>
/// The rules for a held lease. A holder on this machine whose process still runs is never taken over: that
/// is a live operation. Anything else is taken over only when the operator says so (<c>--take-over</c>, or
/// <c>--resume</c> of that very operation): from another machine nobody can tell a lost holder from a slow one.
/// </summary>
public static class LeaseRules
{
    public static LeaseDecision Decide(OperationLease holder, OperationLease wanted, bool takeOver, Func<int, DateTimeOffset?, bool> runsHere)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(runsHere);
        if (holder.SameHolder(wanted))
        {
            // This very process kept the lease of a run that stopped half way: it is already ours.
            return new(true, string.Empty);
        }

        var held = $"stack {holder.Stack} is held by {holder.Describe()}";
        var local = holder.Host == wanted.Host;
        if (local && runsHere(holder.Pid, holder.ProcessStartedAt))
        {
            return new(false, $"{held}; that process is running on this machine: wait for it to finish. Nothing was changed.");
        }

        if (!takeOver)
        {
            var gone = local ? " Its process is no longer running." : " If that machine or process is lost,";
            var how = local
                ? $" Take the lease over with --take-over, or continue its operation with --resume."
                : " take the lease over with --take-over, or continue its operation with --resume.";
            return new(false, $"{held}.{gone}{how} Nothing was changed.");
        }

        return new(true, $"took over the lease of {holder.Describe()}");
    }
}
