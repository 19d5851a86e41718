using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Quotas;

namespace HiveOrleans.Gateway.Quotas;

/// <summary>
/// This gateway's share of every project's limits. Admissions are leased in batches from the project's quota grain
/// and handed out locally, so the grain sees one call per batch rather than one per request; batches are sized to
/// cover about <see cref="LeaseWindow"/> of this gateway's recent demand. Unused admissions go back with the next
/// call, and usage (tasks, charge, rejections) rides along, or is sent by <see cref="FlushAsync"/>.
/// </summary>
public sealed class QuotaLimiter(IGrainFactory grains, TimeProvider time)
{
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("HiveOrleans");

    private static readonly System.Diagnostics.Metrics.Counter<long> Rejections = Meter.CreateCounter<long>(
        "hiveorleans.quota.rejections", "{request}", "Submissions refused with 429 by a project's rate limit or daily quota");

    /// <summary>How much demand one lease should cover.</summary>
    public static readonly TimeSpan LeaseWindow = TimeSpan.FromMilliseconds(250);

    private const int MaxLease = 10_000;

    /// <summary>
    /// After the cluster said "none left", this gateway answers 429 on its own for at least this long, so a flood of
    /// rejected requests costs the quota grain a few calls a second, not one per request. Nothing is lost by waiting:
    /// the bucket keeps filling and the next lease takes what accumulated.
    /// </summary>
    private static readonly TimeSpan MinEmptyBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest a gateway trusts "none left" without asking again, so a raised limit takes effect soon.</summary>
    private static readonly TimeSpan MaxEmptyBackoff = TimeSpan.FromSeconds(2);
    private const int MaxAttempts = 3;

    private readonly ConcurrentDictionary<long, ProjectBudget> _budgets = new();

    /// <summary>Takes one admission for the project, leasing more from the cluster when this gateway has none left.</summary>
    public async Task<QuotaDecision> TryAcquireAsync(ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.RateLimit is null && project.DailyQuota is null)
        {
            return QuotaDecision.Admit;
        }

        var budget = Budget(project.ProjectId);
        var lease = default(QuotaLease);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            Task<QuotaLease> renewal;
            lock (budget)
            {
                var now = time.GetUtcNow();
                budget.Demand++;
                if (budget.Tokens > 0 && now < budget.Expires)
                {
                    budget.Tokens--;
                    return QuotaDecision.Admit;
                }

                if (KnownEmpty(budget, now) is { } refusal)
                {
                    return refusal;
                }

                renewal = budget.Renewal ??= RenewAsync(project, budget, now);
            }

            lease = await renewal;
            if (lease.Granted == 0)
            {
                break;
            }
        }

        return new QuotaDecision(false, lease?.LimitedBy ?? QuotaLimits.Rate, lease?.RetryAfter ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// The refusal this gateway already knows it would give (the cluster said "none left" a moment ago), without
    /// taking anything; null when a submission might be admitted. Lets a large upload be refused before it is read.
    /// </summary>
    public QuotaDecision? KnownRefusal(ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if ((project.RateLimit is null && project.DailyQuota is null) || !_budgets.TryGetValue(project.ProjectId, out var budget))
        {
            return null;
        }

        lock (budget)
        {
            var now = time.GetUtcNow();
            return budget.Tokens > 0 && now < budget.Expires ? null : KnownEmpty(budget, now);
        }
    }

    /// <summary>The refusal to give while the cluster's last "none left" still stands. Call under the budget's lock.</summary>
    private static QuotaDecision? KnownEmpty(ProjectBudget budget, DateTimeOffset now) =>
        now < budget.EmptyUntil && budget.Empty is { } empty
            ? new QuotaDecision(false, empty.LimitedBy, Max(empty.RetryAfter - (now - budget.EmptySince), TimeSpan.Zero))
            : null;

    /// <summary>Gives back an admission that was not used (the task could not be stored).</summary>
    public void Release(ProjectConfig project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.RateLimit is null && project.DailyQuota is null)
        {
            return;
        }

        var budget = Budget(project.ProjectId);
        lock (budget)
        {
            budget.Tokens++;
        }
    }

    /// <summary>Counts an accepted task and its charge toward the project's usage.</summary>
    public void RecordAccepted(long projectId, double charge)
    {
        var budget = Budget(projectId);
        lock (budget)
        {
            var usage = budget.UsageFor(Today());
            budget.Usage[usage.Date] = usage with { Tasks = usage.Tasks + 1, Charge = usage.Charge + charge };
        }
    }

    /// <summary>Counts a request a limit turned away.</summary>
    public void RecordRejected(long projectId)
    {
        Rejections.Add(1, new KeyValuePair<string, object?>("project", projectId));
        var budget = Budget(projectId);
        lock (budget)
        {
            var usage = budget.UsageFor(Today());
            budget.Usage[usage.Date] = usage with { Rejected = usage.Rejected + 1 };
        }
    }

    /// <summary>Reports pending usage and gives back expired admissions, for every project that has any.</summary>
    public async Task FlushAsync()
    {
        foreach (var (projectId, budget) in _budgets)
        {
            QuotaLeaseRequest request;
            lock (budget)
            {
                var now = time.GetUtcNow();
                var expired = now >= budget.Expires ? budget.Tokens : 0;
                if ((budget.Usage.Count == 0 && expired == 0) || budget.Renewal is not null)
                {
                    continue;
                }

                request = new QuotaLeaseRequest
                {
                    Wanted = 0,
                    Returned = expired,
                    ConfigVersion = budget.ConfigVersion,
                    RateLimit = budget.RateLimit,
                    DailyQuota = budget.DailyQuota,
                    Usage = [.. budget.Usage.Values],
                };
                budget.Tokens -= expired;
                budget.Usage.Clear();
            }

            try
            {
                await grains.GetGrain<IProjectQuotaGrain>(ProjectKeys.QuotaGrainKey(projectId)).LeaseAsync(request);
            }
            catch
            {
                Restore(budget, request);
                throw;
            }
        }
    }

    private async Task<QuotaLease> RenewAsync(ProjectConfig project, ProjectBudget budget, DateTimeOffset now)
    {
        QuotaLeaseRequest request;
        lock (budget)
        {
            // Size the batch to this gateway's demand since the last lease, so a quiet gateway holds few admissions
            // that another, busier one could have used.
            var elapsed = Math.Max((now - budget.LastRenewal).TotalSeconds, 0.001);
            var rate = budget.Demand / elapsed;
            var wanted = (int)Math.Clamp(Math.Ceiling(rate * LeaseWindow.TotalSeconds), 1, MaxLease);
            request = new QuotaLeaseRequest
            {
                Wanted = wanted,
                Returned = budget.Tokens,
                ConfigVersion = project.ConfigVersion,
                RateLimit = project.RateLimit,
                DailyQuota = project.DailyQuota,
                Usage = [.. budget.Usage.Values],
            };
            budget.Tokens = 0;
            budget.Usage.Clear();
            budget.Demand = 0;
            budget.LastRenewal = now;
            budget.ConfigVersion = project.ConfigVersion;
            budget.RateLimit = project.RateLimit;
            budget.DailyQuota = project.DailyQuota;
        }

        try
        {
            var lease = await grains.GetGrain<IProjectQuotaGrain>(ProjectKeys.QuotaGrainKey(project.ProjectId)).LeaseAsync(request);
            lock (budget)
            {
                var received = time.GetUtcNow();
                budget.Tokens = lease.Granted;
                budget.Expires = received + lease.ValidFor;
                budget.Renewal = null;
                budget.Empty = lease.Granted == 0 ? lease : null;
                budget.EmptySince = received;
                budget.EmptyUntil = lease.Granted == 0 ? received + Min(Max(lease.RetryAfter, MinEmptyBackoff), MaxEmptyBackoff) : default;
            }

            return lease;
        }
        catch
        {
            Restore(budget, request);
            lock (budget)
            {
                budget.Renewal = null;
            }

            throw;
        }
    }

    /// <summary>A report that did not arrive is kept for the next one, so usage is not lost to a failed call.</summary>
    private static void Restore(ProjectBudget budget, QuotaLeaseRequest request)
    {
        lock (budget)
        {
            foreach (var usage in request.Usage)
            {
                var current = budget.UsageFor(usage.Date);
                budget.Usage[usage.Date] = current with
                {
                    Tasks = current.Tasks + usage.Tasks,
                    Charge = current.Charge + usage.Charge,
                    Rejected = current.Rejected + usage.Rejected,
                };
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private ProjectBudget Budget(long projectId) => _budgets.GetOrAdd(projectId, static _ => new ProjectBudget());

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private sealed class ProjectBudget
    {
        public int Tokens { get; set; }

        public DateTimeOffset Expires { get; set; }

        public Task<QuotaLease>? Renewal { get; set; }

        public long Demand { get; set; }

        public DateTimeOffset LastRenewal { get; set; }

        public int ConfigVersion { get; set; }

        public RateLimit? RateLimit { get; set; }

        public long? DailyQuota { get; set; }

        /// <summary>The last lease, when it granted nothing; answers rejections locally until <see cref="EmptyUntil"/>.</summary>
        public QuotaLease? Empty { get; set; }

        public DateTimeOffset EmptySince { get; set; }

        public DateTimeOffset EmptyUntil { get; set; }

        public Dictionary<DateOnly, DailyUsage> Usage { get; } = [];

        public DailyUsage UsageFor(DateOnly date) =>
            Usage.TryGetValue(date, out var usage) ? usage : new DailyUsage { Date = date };
    }
}
