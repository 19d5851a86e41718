using System.Globalization;
using HiveOrleans.Grains.Reruns;

namespace HiveOrleans.Tests.Reruns;

public sealed class BackgroundCpuTests
{
    [Fact]
    public async Task Work_runs_on_its_threads_at_nice_19_and_never_more_at_once_than_it_has_threads()
    {
        using var cpu = new BackgroundCpu(threads: 2);
        var running = 0;
        var most = 0;
        var nices = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var bothRunning = new ManualResetEventSlim();
        var work = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                nices.Add(ThisThreadsNice());
                if (now == 2)
                {
                    bothRunning.Set();
                }

                // Each piece of work holds its thread until two ran at once, so a third would show if it could run.
                bothRunning.Wait(TimeSpan.FromSeconds(10));
                Interlocked.Decrement(ref running);
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            cpu));

        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, most);
        Assert.True(cpu.Lowered);
        Assert.All(nices, nice => Assert.Equal(BackgroundCpu.Nice, nice));
        // Per thread, not the whole process: the thread pool keeps the priority it had.
        Assert.Equal(0, await Task.Run(ThisThreadsNice));
    }

    [Fact]
    public async Task Parallel_work_given_it_as_scheduler_runs_there()
    {
        using var cpu = new BackgroundCpu(threads: 2);
        var nices = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, 100),
            new ParallelOptions { MaxDegreeOfParallelism = 2, TaskScheduler = cpu },
            (_, _) =>
            {
                nices.Add(ThisThreadsNice());
                return ValueTask.CompletedTask;
            });

        Assert.Equal(100, nices.Count);
        Assert.All(nices, nice => Assert.Equal(BackgroundCpu.Nice, nice));
    }

    [Fact]
    public async Task Entering_from_another_thread_resumes_on_one_of_its_threads()
    {
        using var cpu = new BackgroundCpu(threads: 1);
        await Task.Run(async () =>
        {
            Assert.False(cpu.IsCurrent);
            await cpu.EnterAsync();
            Assert.True(cpu.IsCurrent);
            Assert.Equal(BackgroundCpu.Nice, ThisThreadsNice());
            Assert.True(cpu.EnterAsync().IsCompleted);
            await cpu.EnterAsync();
            Assert.True(cpu.IsCurrent);
        });
    }

    /// <summary>The calling thread's nice value as the kernel reports it (field 19 of /proc/thread-self/stat).</summary>
    private static int ThisThreadsNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], CultureInfo.InvariantCulture);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
