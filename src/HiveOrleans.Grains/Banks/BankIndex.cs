using System.Diagnostics;
using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage.Banks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Banks;

/// <summary>
/// This silo's matcher over every hash bank: one <see cref="PdqIndex"/> per bank, loaded from the store as the silo
/// starts and then kept current by reading the store's change feed every <see cref="HashBankOptions.PollInterval"/>.
/// Models call <see cref="Match"/>, <see cref="Labels"/> and <see cref="VersionOf"/> from any thread, concurrently.
/// </summary>
/// <remarks>
/// Reads share a lock that each batch of changes takes exclusively for as long as it takes to apply it, so a match
/// never sees a content id with a hash of one change and the label of another. A failed read is logged and tried
/// again on the next tick from the same place in the feed; nothing here stops the silo.
/// </remarks>
public sealed partial class BankIndex : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly IHashBankStore _store;
    private readonly HashBankOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BankIndex> _logger;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    // One reader of the feed at a time: two applying overlapping batches could put an older state back.
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Dictionary<string, Bank> _banks = new(StringComparer.Ordinal);

    // Each bank's last change, kept after a deletion so a deleted bank's version does not fall back.
    private Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    // -1 until the first full load has been applied.
    private long _appliedSeq = -1;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PeriodicWork? _polling;

    public BankIndex(IHashBankStore store, IOptions<HashBankOptions> options, TimeProvider time, ILogger<BankIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Whether the banks have been loaded; until then every match is empty.</summary>
    public bool IsLoaded => Volatile.Read(ref _appliedSeq) >= 0;

    /// <summary>The last change of the feed this silo has applied (see <see cref="HashesAdded.Seq"/>); 0 before loading.</summary>
    public long AppliedSeq => Math.Max(0, Volatile.Read(ref _appliedSeq));

    /// <summary>
    /// The banked hashes in <paramref name="bankNames"/> within <paramref name="maxDistance"/> bits of
    /// <paramref name="hash"/>, nearest first (then by bank and content id). Banks this silo does not know (never
    /// created, deleted, or not loaded yet) hold nothing.
    /// </summary>
    public IReadOnlyList<BankMatch> Match(IReadOnlyCollection<string> bankNames, PdqHash hash, int maxDistance = HashBankLimits.DefaultMatchDistance)
    {
        ArgumentNullException.ThrowIfNull(bankNames);
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, PdqHash.BitCount);
        if (bankNames.Count == 0)
        {
            return [];
        }

        var matches = new List<BankMatch>();
        _lock.EnterReadLock();
        try
        {
            foreach (var bank in BanksNamed(bankNames))
            {
                foreach (var match in bank.Index.Query(hash, maxDistance))
                {
                    var entry = bank.Entries[match.Id];
                    matches.Add(new BankMatch { Bank = bank.Name, ContentId = entry.ContentId, Label = entry.Label, Distance = match.Distance });
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        matches.Sort(static (a, b) =>
            a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
            : string.CompareOrdinal(a.Bank, b.Bank) is var byBank and not 0 ? byBank
            : string.CompareOrdinal(a.ContentId, b.ContentId));
        return matches;
    }

    /// <summary>The distinct labels of the hashes in <paramref name="bankNames"/>: the classes a match there can report.</summary>
    public IReadOnlySet<string> Labels(IReadOnlyCollection<string> bankNames)
    {
        ArgumentNullException.ThrowIfNull(bankNames);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        _lock.EnterReadLock();
        try
        {
            foreach (var bank in BanksNamed(bankNames))
            {
                labels.UnionWith(bank.LabelCounts.Keys);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return labels;
    }

    /// <summary>
    /// A number that changes whenever any of <paramref name="bankNames"/> changes (a hash stored or removed, the bank
    /// created or deleted): the sequence number of the last such change, 0 for banks never created. Every silo that
    /// has applied the same changes answers the same, so it can stamp cached results that depend on the banks.
    /// </summary>
    public long VersionOf(IReadOnlyCollection<string> bankNames)
    {
        ArgumentNullException.ThrowIfNull(bankNames);
        long version = 0;
        _lock.EnterReadLock();
        try
        {
            foreach (var name in bankNames)
            {
                version = Math.Max(version, _versions.GetValueOrDefault(name));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return version;
    }

    /// <summary>
    /// Completes once the banks are loaded and every change up to <paramref name="seq"/> is applied; throws
    /// <see cref="TimeoutException"/> if that has not happened within <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            // Taken before the check: an advance between the check and the wait still completes it.
            var advanced = Volatile.Read(ref _advanced).Task;
            if (IsLoaded && AppliedSeq >= seq)
            {
                return;
            }

            try
            {
                await advanced.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The bank index applied changes up to {AppliedSeq} (loaded: {IsLoaded}), not {seq}, within {timeout}.");
            }
        }
    }

    /// <summary>Reads and applies changes until the feed has no more; returns how many were applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsLoaded)
            {
                await LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            var total = 0;
            while (true)
            {
                var changes = await _store.ReadChangesAsync(AppliedSeq, _options.PollBatch, cancellationToken).ConfigureAwait(false);
                if (changes.Count > 0)
                {
                    Apply(changes);
                    total += changes.Count;
                }

                if (changes.Count < _options.PollBatch)
                {
                    return total;
                }
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BankIndex), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    public void Dispose()
    {
        _polling?.Dispose();
        _reading.Dispose();
        foreach (var bank in _banks.Values)
        {
            bank.Dispose();
        }

        _lock.Dispose();
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the silo takes work, so the first tasks already match; if the store cannot be read now,
        // the loop keeps trying and matches stay empty (IsLoaded false) meanwhile.
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogLoadFailed(_logger, ex);
        }

        _polling = new PeriodicWork(_options.PollInterval, _time, CatchUpAsync, ex => LogPollFailed(_logger, AppliedSeq, ex));
        _polling.Start();
    }

    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_polling is not null)
        {
            await _polling.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var banks = new Dictionary<string, Bank>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var hashes = 0;
        try
        {
            var watermark = await _store.LoadAllAsync(change =>
            {
                if (change.Kind == HashBankChangeKind.HashStored)
                {
                    hashes += TryStore(banks, change) ? 1 : 0;
                }
                else
                {
                    versions[change.Bank] = change.Seq;
                }
            }, cancellationToken).ConfigureAwait(false);

            Dictionary<string, Bank> replaced;
            _lock.EnterWriteLock();
            try
            {
                replaced = _banks;
                _banks = banks;
                _versions = versions;
                Volatile.Write(ref _appliedSeq, watermark);
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            foreach (var bank in replaced.Values)
            {
                bank.Dispose();
            }

            LogLoaded(_logger, hashes, banks.Count, watermark, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Signal();
        }
        catch
        {
            foreach (var bank in banks.Values)
            {
                bank.Dispose();
            }

            throw;
        }
    }

    private void Apply(IReadOnlyList<HashBankChange> changes)
    {
        var removedBanks = new List<Bank>();
        _lock.EnterWriteLock();
        try
        {
            foreach (var change in changes)
            {
                switch (change.Kind)
                {
                    case HashBankChangeKind.HashStored:
                        TryStore(_banks, change);
                        break;
                    case HashBankChangeKind.HashRemoved:
                        _ = _banks.TryGetValue(change.Bank, out var holder) && holder.Remove(change.ContentId!);
                        break;
                    default:
                        // Created or deleted, the bank starts afresh: all its later hashes come after this change in the feed.
                        if (_banks.Remove(change.Bank, out var bank))
                        {
                            removedBanks.Add(bank);
                        }

                        break;
                }

                _versions[change.Bank] = change.Seq;
            }

            Volatile.Write(ref _appliedSeq, changes[^1].Seq);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        foreach (var bank in removedBanks)
        {
            bank.Dispose();
        }

        Signal();
    }

    private bool TryStore(Dictionary<string, Bank> banks, HashBankChange change)
    {
        PdqHash hash;
        try
        {
            hash = PdqHash.FromHex(change.Hash!);
        }
        catch (FormatException ex)
        {
            // The tables only accept 64 hex digits; if a row says otherwise, skipping it beats stalling the feed.
            LogBadHash(_logger, change.Bank, change.ContentId, change.Seq, ex);
            return false;
        }

        if (!banks.TryGetValue(change.Bank, out var bank))
        {
            bank = new Bank(change.Bank);
            banks.Add(change.Bank, bank);
        }

        bank.Store(change.ContentId!, hash, change.Label!);
        return true;
    }

    private IEnumerable<Bank> BanksNamed(IReadOnlyCollection<string> bankNames)
    {
        // A project names a few banks; a set only when there could be repeats.
        var seen = bankNames.Count > 1 && bankNames is not IReadOnlySet<string> ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var name in bankNames)
        {
            if ((seen is null || seen.Add(name)) && _banks.TryGetValue(name, out var bank))
            {
                yield return bank;
            }
        }
    }

    private void Signal() =>
        Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Hashes} banked hashes in {Banks} banks, up to change {Seq}, in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, int hashes, int banks, long seq, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the hash banks at start; the poll retries, and matches stay empty until they are loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading hash-bank changes after {Seq} failed; the next poll will retry")]
    private static partial void LogPollFailed(ILogger logger, long seq, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bank {Bank} content {ContentId} (change {Seq}) has an unreadable hash; skipped")]
    private static partial void LogBadHash(ILogger logger, string bank, string? contentId, long seq, Exception exception);

    /// <summary>One bank's hashes: the matcher's ids stand for content ids, which the entries map back with their labels.</summary>
    private sealed class Bank(string name) : IDisposable
    {
        private readonly Dictionary<string, long> _idByContent = new(StringComparer.Ordinal);
        private long _lastId;

        public string Name { get; } = name;

        public PdqIndex Index { get; } = new();

        public Dictionary<long, Entry> Entries { get; } = [];

        /// <summary>Hashes per label, with the one instance of each label string the entries share.</summary>
        public Dictionary<string, (string Label, int Count)> LabelCounts { get; } = new(StringComparer.Ordinal);

        public void Store(string contentId, PdqHash hash, string label)
        {
            if (_idByContent.TryGetValue(contentId, out var id))
            {
                contentId = Entries[id].ContentId;
                Uncount(Entries[id].Label);
            }
            else
            {
                id = ++_lastId;
                _idByContent.Add(contentId, id);
            }

            Entries[id] = new Entry(contentId, Count(label));
            Index.Add(hash, id);
        }

        public bool Remove(string contentId)
        {
            if (!_idByContent.Remove(contentId, out var id))
            {
                return false;
            }

            Uncount(Entries[id].Label);
            Entries.Remove(id);
            Index.Remove(id);
            return true;
        }

        public void Dispose() => Index.Dispose();

        private string Count(string label)
        {
            var shared = LabelCounts.TryGetValue(label, out var counted) ? counted.Label : label;
            LabelCounts[shared] = (shared, counted.Count + 1);
            return shared;
        }

        private void Uncount(string label)
        {
            var (shared, count) = LabelCounts[label];
            if (count == 1)
            {
                LabelCounts.Remove(label);
            }
            else
            {
                LabelCounts[label] = (shared, count - 1);
            }
        }
    }

    private readonly record struct Entry(string ContentId, string Label);
}
