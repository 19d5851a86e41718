using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage.Banks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    // The live banks that match turned and mirrored media; kept apart from _banks, which holds only banks with hashes.
    private HashSet<string> _matchTransforms = new(StringComparer.Ordinal);

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
    /// created, deleted, or not loaded yet) hold nothing. Every match is <c>original</c>: with one hash there is nothing
    /// to turn.
    /// </summary>
    public IReadOnlyList<BankMatch> Match(IReadOnlyCollection<string> bankNames, PdqHash hash, int maxDistance = HashBankLimits.DefaultMatchDistance)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Match(bankNames, hash, null, maxDistance);
    }

    /// <summary>
    /// As <see cref="Match(IReadOnlyCollection{string}, PdqHash, int)"/> for a picture's eight dihedral hashes: a bank
    /// that matches transforms is searched with all eight and each banked hash reported once, at its nearest, with the
    /// transform that turns the banked picture into this one (<see cref="BankMatch.Transform"/>; <c>original</c> wins
    /// ties); any other bank is searched with the picture as it is.
    /// </summary>
    public IReadOnlyList<BankMatch> Match(IReadOnlyCollection<string> bankNames, PdqDihedralHashes hashes, int maxDistance = HashBankLimits.DefaultMatchDistance)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        return Match(bankNames, hashes[PdqTransform.Original], hashes, maxDistance);
    }

    /// <summary>Whether the bank matches turned and mirrored media, as this silo last read it; false for banks it does not know.</summary>
    public bool MatchesTransforms(string bankName)
    {
        _lock.EnterReadLock();
        try
        {
            return _matchTransforms.Contains(bankName);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<BankMatch> Match(IReadOnlyCollection<string> bankNames, PdqHash hash, PdqDihedralHashes? hashes, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(bankNames);
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
                if (hashes is not null && _matchTransforms.Contains(bank.Name))
                {
                    bank.MatchDihedral(hashes, maxDistance, matches);
                }
                else
                {
                    bank.Match(hash, maxDistance, matches);
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
}
