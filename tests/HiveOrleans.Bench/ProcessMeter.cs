using System.Diagnostics;
using System.Globalization;

namespace HiveOrleans.Bench;

/// <summary>
/// CPU time used by the system under test and its peak working set, sampled every 100 ms, over one phase; and the CPU
/// time the driver, PostgreSQL and the whole host used meanwhile (the rest of the host's is other work, which skews
/// the figures). In process, the system under test is this process (driver included); otherwise it is the service's
/// processes (their CPU summed, their working sets added up at each sample).
/// </summary>
internal sealed class ProcessMeter : IAsyncDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly TimeSpan _cpuAtStart;
    private readonly double _hostCpuAtStart = HostBusySeconds();
    private readonly double _postgresCpuAtStart = PostgresBusySeconds();
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<int> _services;
    private readonly double _servicesCpuAtStart;
    private readonly Task _sampling;
    private long _peakWorkingSet;

    private ProcessMeter(IReadOnlyList<int> services)
    {
        _services = services;
        _process.Refresh();
        _cpuAtStart = _process.TotalProcessorTime;
        _servicesCpuAtStart = ServicesCpuSeconds();
        Sample();
        _sampling = SampleAsync();
    }

    /// <param name="services">The service's processes when it runs outside this one; empty when it runs in it.</param>
    public static ProcessMeter Start(IReadOnlyList<int>? services = null) => new(services ?? []);

    /// <summary>Stops sampling and returns what was used since the start: CPU seconds by this process and by the host, and peak working set in MiB.</summary>
    public async Task<PhaseResources> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        var driver = (_process.TotalProcessorTime - _cpuAtStart).TotalSeconds;
        return new PhaseResources(
            _services.Count == 0 ? driver : ServicesCpuSeconds() - _servicesCpuAtStart,
            PostgresBusySeconds() - _postgresCpuAtStart,
            HostBusySeconds() - _hostCpuAtStart,
            _peakWorkingSet / (1024.0 * 1024.0),
            driver);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampling;
        }

        _stop.Dispose();
        _process.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Busy CPU seconds of the whole host since boot (Linux /proc/stat, in USER_HZ = 100 ticks); NaN elsewhere.</summary>
    private static double HostBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }

        // "cpu  user nice system idle iowait irq softirq steal ...": everything but idle and iowait is busy.
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Sum() - ticks[3] - ticks[4]) / 100.0;
    }

    /// <summary>
    /// CPU seconds of all local PostgreSQL processes (Linux /proc); a backend that has exited is counted in its
    /// parent's "children" times once the postmaster has reaped it. NaN elsewhere.
    /// </summary>
    private static double PostgresBusySeconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return double.NaN;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                if (!stat.Contains("(postgres)", StringComparison.Ordinal))
                {
                    continue;
                }

                // After "pid (comm) ": state, then fields 4 onwards; utime, stime, cutime, cstime are fields 14 to 17.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while we looked, or the entry is not a process.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return ticks / 100.0;
    }

    private void Sample()
    {
        if (_services.Count == 0)
        {
            _process.Refresh();
            _peakWorkingSet = Math.Max(_peakWorkingSet, _process.WorkingSet64);
            return;
        }

        _peakWorkingSet = Math.Max(_peakWorkingSet, _services.Sum(pid => ProcField(pid, "statm", 1) * Environment.SystemPageSize));
    }

    /// <summary>CPU seconds (user + system) of the service's processes, from /proc/PID/stat.</summary>
    private double ServicesCpuSeconds() => _services.Sum(pid => ProcField(pid, "stat", 11) + ProcField(pid, "stat", 12)) / 100.0;

    /// <summary>A number from /proc/PID/FILE: for "stat" the index counts from the field after "(comm) "; 0 for a process that is gone.</summary>
    private static long ProcField(int pid, string file, int index)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/{file}");
            var fields = (file == "stat" ? text[(text.LastIndexOf(')') + 2)..] : text).Split(' ');
            return long.Parse(fields[index], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>What one phase used: CPU seconds of the system under test, of PostgreSQL, of the whole host and of the driver, and the system's peak working set.</summary>
internal sealed record PhaseResources(double CpuSeconds, double PostgresCpuSeconds, double HostCpuSeconds, double PeakWorkingSetMiB, double DriverCpuSeconds);
