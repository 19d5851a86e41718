using System.Diagnostics;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage.Banks;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Banks;

/// <summary>
/// Keeping the index current: the full load at start, then the store's change feed read every
/// <see cref="HashBankOptions.PollInterval"/> and applied under the write lock.
/// </summary>
public sealed partial class BankIndex
{
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
        var matchTransforms = new HashSet<string>(StringComparer.Ordinal);
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
                    if (change.Kind == HashBankChangeKind.BankCreated && change.MatchTransforms)
                    {
                        matchTransforms.Add(change.Bank);
                    }
                }
            }, cancellationToken).ConfigureAwait(false);

            Dictionary<string, Bank> replaced;
            _lock.EnterWriteLock();
            try
            {
                replaced = _banks;
                _banks = banks;
                _versions = versions;
                _matchTransforms = matchTransforms;
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
                    case HashBankChangeKind.BankSettingsChanged:
                        SetMatchTransforms(change);
                        break;
                    default:
                        // Created or deleted, the bank starts afresh: all its later hashes come after this change in the feed.
                        if (_banks.Remove(change.Bank, out var bank))
                        {
                            removedBanks.Add(bank);
                        }

                        SetMatchTransforms(change);
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

    // A deleted bank matches nothing, so it is as if it did not match transforms.
    private void SetMatchTransforms(HashBankChange change)
    {
        if (change.Kind != HashBankChangeKind.BankDeleted && change.MatchTransforms)
        {
            _matchTransforms.Add(change.Bank);
        }
        else
        {
            _matchTransforms.Remove(change.Bank);
        }
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
}
