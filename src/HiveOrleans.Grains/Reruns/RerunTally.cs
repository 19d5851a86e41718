using HiveOrleans.Abstractions.Reruns;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// A rerun's report and cursor in memory. A page's counts and the cursor past it are committed together, and a
/// checkpoint reads both together, so a resumed rerun redoes exactly the pages its checkpoint had not counted.
/// </summary>
internal sealed class RerunTally
{
    private readonly Lock _lock = new();
    private readonly int _maxExamples;
    private readonly Dictionary<(string Head, int From, int To), long> _heads = [];
    private readonly List<Guid> _examples;
    private long _done;
    private long _changed;
    private long _newlyFlagged;
    private long _cleared;
    private long _skipped;
    private long _mediaGone;
    private long? _total;
    private Guid _cursor;

    public RerunTally(RerunProgress from, Guid cursor, int maxExamples)
    {
        _maxExamples = maxExamples;
        _done = from.Done;
        _changed = from.Changed;
        _newlyFlagged = from.NewlyFlagged;
        _cleared = from.Cleared;
        _skipped = from.Skipped;
        _mediaGone = from.MediaGone;
        _total = from.Total;
        _examples = [.. from.Examples];
        foreach (var head in from.Heads)
        {
            _heads[(head.Head, head.From, head.To)] = head.Count;
        }

        _cursor = cursor;
    }

    public long Done
    {
        get
        {
            lock (_lock)
            {
                return _done;
            }
        }
    }

    /// <summary>How many tasks the rerun will look at; null until its window is counted.</summary>
    public long? Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Records the count of the window (capped by the limit), before any page is committed.</summary>
    public void Counted(long total)
    {
        lock (_lock)
        {
            _total = total;
        }
    }

    /// <summary>Adds a page's counts and moves the cursor past it, as one step.</summary>
    public void Commit(PageTally page, Guid cursor)
    {
        lock (_lock)
        {
            _done += page.Done;
            _skipped += page.Skipped;
            _mediaGone += page.MediaGone;
            foreach (var change in page.Changes.OrderBy(c => c.TaskId))
            {
                _changed++;
                _newlyFlagged += change.NewlyFlagged ? 1 : 0;
                _cleared += change.Cleared ? 1 : 0;
                foreach (var head in change.Heads)
                {
                    _heads[head] = _heads.GetValueOrDefault(head) + 1;
                }

                if (_examples.Count < _maxExamples)
                {
                    _examples.Add(change.TaskId);
                }
            }

            _cursor = cursor;
        }
    }

    /// <summary>The report so far on <paramref name="progress"/>, and the cursor it goes with.</summary>
    public (RerunProgress Progress, Guid Cursor) Snapshot(RerunProgress progress)
    {
        lock (_lock)
        {
            return (progress with
            {
                Total = _total,
                Done = _done,
                Changed = _changed,
                NewlyFlagged = _newlyFlagged,
                Cleared = _cleared,
                Skipped = _skipped,
                MediaGone = _mediaGone,
                Examples = [.. _examples],
                Heads = [.. _heads
                    .OrderByDescending(pair => pair.Value)
                    .ThenBy(pair => pair.Key.Head, StringComparer.Ordinal)
                    .ThenBy(pair => pair.Key.From)
                    .ThenBy(pair => pair.Key.To)
                    .Select(pair => new RerunHeadChange(pair.Key.Head, pair.Key.From, pair.Key.To, pair.Value))],
            }, _cursor);
        }
    }
}

/// <summary>One page's findings, gathered by the page's workers before they are committed to the tally.</summary>
internal sealed class PageTally
{
    private long _done;
    private long _skipped;
    private long _mediaGone;

    public System.Collections.Concurrent.ConcurrentBag<VerdictChange> Changes { get; } = [];

    public long Done => Interlocked.Read(ref _done);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long MediaGone => Interlocked.Read(ref _mediaGone);

    public void Looked() => Interlocked.Increment(ref _done);

    public void Skip()
    {
        Interlocked.Increment(ref _done);
        Interlocked.Increment(ref _skipped);
    }

    /// <summary>A media task skipped because its media is no longer stored: counted as skipped, and apart.</summary>
    public void SkipMediaGone()
    {
        Skip();
        Interlocked.Increment(ref _mediaGone);
    }
}
