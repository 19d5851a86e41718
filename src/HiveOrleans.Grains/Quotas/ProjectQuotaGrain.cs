using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Quotas;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Quotas;

/// <summary>
/// One project's token bucket and daily counter. Gateways lease admissions in batches and give back what they do not
/// use, so every admitted request spent a token granted here: the cluster never admits more than the bucket allows.
/// Usage arrives in bulk with the leases; writes are coalesced to at most one per <see cref="WriteInterval"/>.
/// </summary>
/// <remarks>
/// The bucket lives in memory: after a deactivation it starts full again, which can admit one extra burst. The daily
/// counter is persisted; a crash can lose at most the last <see cref="WriteInterval"/> of counts.
/// </remarks>
internal sealed class ProjectQuotaGrain(
    [PersistentState(StorageNames.Quota, StorageNames.Provider)] IPersistentState<QuotaState> state,
    TimeProvider time) : Grain, IProjectQuotaGrain
{
    public const int DaysKept = 400;
    public static readonly TimeSpan LeaseValidity = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    private RateLimit? _rate;
    private long? _dailyQuota;
    private int _configVersion = -1;
    private double _tokens;
    private DateTimeOffset _refilledAt;
    private bool _dirty;
    private IGrainTimer? _writer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(WriteInterval, WriteInterval) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    public Task<QuotaLease> LeaseAsync(QuotaLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        AdoptLimits(request, now);
        Refill(now);
        foreach (var usage in request.Usage)
        {
            var day = Day(usage.Date);
            day.Tasks += usage.Tasks;
            day.Charge += usage.Charge;
            day.Rejected += usage.Rejected;
            _dirty = true;
        }

        var today = Day(DateOnly.FromDateTime(now.UtcDateTime));
        if (request.Returned > 0)
        {
            _tokens = _rate is null ? 0 : Math.Min(_rate.Burst, _tokens + request.Returned);
            today.Granted = Math.Max(0, today.Granted - request.Returned);
            _dirty = true;
        }

        var granted = Math.Max(0, request.Wanted);
        string? limitedBy = null;
        if (_rate is not null && granted > (int)_tokens)
        {
            granted = (int)_tokens;
            limitedBy = QuotaLimits.Rate;
        }

        if (_dailyQuota is { } quota && granted > quota - today.Granted)
        {
            granted = (int)Math.Max(0, quota - today.Granted);
            limitedBy = QuotaLimits.Daily;
        }

        if (granted > 0)
        {
            if (_rate is not null)
            {
                _tokens -= granted;
            }

            today.Granted += granted;
            _dirty = true;
        }

        return Task.FromResult(new QuotaLease
        {
            Granted = granted,
            ValidFor = LeaseValidity,
            LimitedBy = granted == 0 && request.Wanted > 0 ? limitedBy : null,
            RetryAfter = granted == 0 && request.Wanted > 0 ? RetryAfter(limitedBy, now) : TimeSpan.Zero,
        });
    }

    public Task<IReadOnlyList<DailyUsage>> GetUsageAsync(int days)
    {
        IReadOnlyList<DailyUsage> usage = [.. state.State.Days
            .OrderByDescending(d => d.Date)
            .Take(Math.Clamp(days, 1, DaysKept))
            .Select(d => new DailyUsage { Date = d.Date, Tasks = d.Tasks, Charge = d.Charge, Rejected = d.Rejected })];
        return Task.FromResult(usage);
    }

    /// <summary>Gateways send the limits from their copy of the project; the newest configuration version wins.</summary>
    private void AdoptLimits(QuotaLeaseRequest request, DateTimeOffset now)
    {
        if (request.ConfigVersion < _configVersion)
        {
            return;
        }

        if (_configVersion < 0 || request.RateLimit != _rate)
        {
            // A new or changed bucket starts full, as a fresh token bucket does.
            _tokens = request.RateLimit?.Burst ?? 0;
            _refilledAt = now;
        }

        _configVersion = request.ConfigVersion;
        _rate = request.RateLimit;
        _dailyQuota = request.DailyQuota;
    }

    private void Refill(DateTimeOffset now)
    {
        if (_rate is null)
        {
            return;
        }

        var elapsed = (now - _refilledAt).TotalSeconds;
        _tokens = Math.Min(_rate.Burst, _tokens + (elapsed * _rate.PerSecond));
        _refilledAt = now;
    }

    private TimeSpan RetryAfter(string? limitedBy, DateTimeOffset now)
    {
        if (limitedBy == QuotaLimits.Daily)
        {
            var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            return tomorrow - now;
        }

        // Bounded by a day: a state written before the rate had a floor (or any rate near zero) would otherwise
        // overflow TimeSpan, and no client acts on a wait longer than the daily quota's own.
        var missing = Math.Max(0, 1 - _tokens);
        var seconds = missing / Math.Max(_rate?.PerSecond ?? 1, double.Epsilon);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryAfter.TotalSeconds));
    }

    private QuotaDay Day(DateOnly date)
    {
        var days = state.State.Days;
        for (var i = days.Count - 1; i >= 0; i--)
        {
            if (days[i].Date == date)
            {
                return days[i];
            }
        }

        var day = new QuotaDay { Date = date };
        days.Add(day);
        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        if (days.Count > DaysKept)
        {
            days.RemoveRange(0, days.Count - DaysKept);
        }

        return day;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch
            {
                _dirty = true;
                throw;
            }
        }
    }
}
