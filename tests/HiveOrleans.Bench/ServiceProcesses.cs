using System.Diagnostics;
using System.Globalization;

namespace HiveOrleans.Bench;

/// <summary>
/// The service as README runs it: silo and gateway processes started from their Release build output
/// (<c>dotnet build -c Release src/HiveOrleans.Silo src/HiveOrleans.Gateway src/HiveOrleans.Host</c> first), configured through the
/// environment and command line as README's "Run a cluster" does, their output in log files. Disposing kills them.
/// </summary>
internal sealed class ServiceProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    public ServiceProcesses(string logDirectory)
    {
        LogDirectory = logDirectory;
        Directory.CreateDirectory(logDirectory);
    }

    public string LogDirectory { get; }

    public IReadOnlyList<int> Pids => [.. _processes.Select(p => p.Id)];

    /// <summary>Starts <c>src/<paramref name="project"/></c> with <paramref name="environment"/> and <paramref name="arguments"/>, logging to <c>name.log</c>.</summary>
    public void Start(string name, string project, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuildOutput(project));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {project}.");
        var log = new StreamWriter(Path.Combine(LogDirectory, name + ".log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    /// <summary>Waits (at most <paramref name="deadline"/>) for <paramref name="url"/> to answer 200; fails naming the logs if a process exits first.</summary>
    public async Task WaitUntilReadyAsync(Uri url, TimeSpan deadline)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A service process exited with {exited.ExitCode}; see the logs in {LogDirectory}."));
            }

            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} was not ready within {deadline.TotalSeconds:0} s; see the logs in {LogDirectory}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static string BuildOutput(string project)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HiveOrleans.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("HiveOrleans.sln not found above the driver."),
            "src", project, "bin", "Release", "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: run 'dotnet build -c Release src/{project}' first.");
    }
}
