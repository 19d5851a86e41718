using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A HiveOrleans program (the gateway or a silo) run as its own process from its build output, the way README starts
/// it, so a test can kill it with SIGKILL. Its output is kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>src/<paramref name="project"/></c>'s build output (same configuration as these tests) with <paramref name="settings"/> in its environment.</summary>
    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput(project));
        foreach (var (key, value) in settings)
        {
            // Configuration keys as environment variables: ':' becomes '__'.
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // The tests' callback receivers listen on loopback, which the outbound address policy refuses unless allowed.
        start.Environment.TryAdd("HiveOrleans__Callbacks__AllowList__0", "127.0.0.1");
        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {project}."));
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine or container dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for <paramref name="url"/> to answer 200, failing with the process's output if it dies or never does.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, Uri url, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            Assert.False(_process.HasExited, $"the process exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < until, $"{url} was not ready in time:\n{Output}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string BuildOutput(string project)
    {
        // These tests run from tests/<project>/bin/<configuration>/<framework>/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HiveOrleans.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("HiveOrleans.sln not found above " + here.FullName),
            "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{dll} is missing: build the solution first."));
    }
}
