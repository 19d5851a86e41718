using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// A silo's threads for background CPU work (reruns), below live traffic in the operating system's scheduler: on
/// Linux each thread's nice value is <see cref="Nice"/>, so while live requests want the cores they get them and the
/// background work runs on what is left; on an idle box it runs at full speed. A rate cap alone cannot do that: at
/// the same capped rate a rerun took 13 % of live acknowledgements on a saturated 2-core box (docs/benchmarks.md).
/// Every rerun on the silo shares these threads, so together they use at most <see cref="Threads"/> cores.
/// </summary>
public sealed class BackgroundCpu : TaskScheduler, IDisposable
{
    /// <summary>The nice value of the threads: the lowest priority there is.</summary>
    public const int Nice = 19;

    [ThreadStatic]
    private static BackgroundCpu? _owner;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public BackgroundCpu(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"background-cpu-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>How many threads run the work.</summary>
    public int Threads => _threads.Length;

    /// <summary>Whether the threads could be made lower priority here (they run all the same if not).</summary>
    public bool Lowered { get; private set; }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Whether the calling thread is one of these.</summary>
    public bool IsCurrent => _owner == this;

    /// <summary>
    /// Awaited, moves the caller onto one of these threads: at once when it is on one already, else after the work
    /// queued before it. (Awaiting a task that one of these threads completes would not do: a continuation is not run
    /// inline on a thread whose scheduler is not the default one, so it would go to the thread pool.)
    /// </summary>
    public Entry EnterAsync() => new(this);

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Only on one of these threads: inlining onto a live request's thread would run background work at its priority.
        IsCurrent && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    private void Work()
    {
        _owner = this;
        Lowered = LowerThisThread();
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>Lowers the calling thread's priority; false where the platform does not allow it.</summary>
    private static bool LowerThisThread()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux the nice value belongs to each thread: setpriority(PRIO_PROCESS, 0, n) sets the calling thread's
            // alone (setpriority(2), NOTES). Raising it needs no privilege.
            return SetPriority(0, 0, Nice) == 0;
        }

        try
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: three ints need no marshalling, and the project allows no unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    /// <summary>The awaitable <see cref="EnterAsync"/> gives.</summary>
    public readonly struct Entry(BackgroundCpu cpu) : INotifyCompletion
    {
        public bool IsCompleted => cpu.IsCurrent;

        public Entry GetAwaiter() => this;

        public void OnCompleted(Action continuation) =>
            Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.None, cpu);

        public void GetResult()
        {
        }
    }
}
