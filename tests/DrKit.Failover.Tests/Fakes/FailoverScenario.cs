namespace DrKit.Failover.Tests.Fakes;

/// <summary>A healthy two-region setup (one Postgres tier within RPO) that each test bends to its case.</summary>
internal sealed class FailoverScenario
{
    public const string OperationId = "failover-1";
    public const string PrimaryRegion = "us-east";
    public const string RecoveryRegion = "eu-central";

    public FailoverScenario()
    {
        Postgres = new FakeDataPromoter(World, "postgres");
        Capacity = new FakeCapacity(World);
        Traffic = new FakeTrafficSwitch(World, new TrafficState(PrimaryRegion, 100));
        Ready = new FakeProbe(World, "artifacts");
        Smoke = new FakeProbe(World, "smoke");
    }

    public ManualTimeProvider Clock { get; } = new();

    public FakeWorld World { get; } = new();

    public InMemoryFailoverJournal Journal { get; } = new();

    public FakeDataPromoter Postgres { get; }

    public FakeCapacity Capacity { get; }

    public FakeTrafficSwitch Traffic { get; }

    public FakeProbe Ready { get; }

    public FakeProbe Smoke { get; }

    public FailoverRequest Request(params DataTier[] tiers) => new()
    {
        OperationId = OperationId,
        DataTiers = tiers.Length > 0 ? tiers : [new DataTier(Postgres, TimeSpan.FromMinutes(1))],
        ReadinessProbes = [Ready],
        Capacity = Capacity,
        DesiredRunning = 3,
        TrafficSwitch = Traffic,
        RecoveryRegion = RecoveryRegion,
        VerificationProbes = [Smoke],
    };

    public FailoverEngine Engine(IFailoverJournal? journal = null, IFailoverObserver? observer = null) =>
        new(Clock, journal ?? Journal, observer);

    public Task<FailoverResult> RunAsync(FailoverRequest? request = null, IFailoverJournal? journal = null) =>
        Engine(journal).RunAsync(request ?? Request(), CancellationToken.None);

    public IReadOnlyList<JournalEntry> Entries(string step, JournalEvent journalEvent) =>
        [.. Journal.Entries.Where(e => e.Step == step && e.Event == journalEvent)];
}
