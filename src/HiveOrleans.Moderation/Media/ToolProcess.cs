using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HiveOrleans.Moderation.Media;

/// <summary>
/// One run of ffprobe, ffmpeg or tesseract: stdout left to the caller, stderr drained in the background into a short tail
/// (a child that fills an unread stderr pipe blocks forever), and a kill that takes the whole tree and is safe to
/// call from a cancellation callback at any moment, including after the run is over.
/// </summary>
internal sealed partial class ToolProcess : IDisposable
{
    private const int TailLines = 8;
    private const int MaxLineLength = 500;

    // The kernel's "no such file or directory", which is what starting a program that is not there reports.
    private const int NoSuchFile = 2;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Task _stderrDrained;
    private readonly Lock _gate = new();
    private bool _disposed;

    private ToolProcess(string tool, Process process)
    {
        Tool = tool;
        _process = process;
        _stderrDrained = Task.Run(DrainStderrAsync);
    }

    /// <summary>"ffmpeg", "ffprobe" or "tesseract", for messages.</summary>
    public string Tool { get; }

    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The tool's stdin, when it was started with <c>redirectInput</c>.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    public int ExitCode => _process.ExitCode;

    /// <param name="package">The Debian package that installs the tool, for the message when it is missing.</param>
    /// <param name="redirectInput">Whether the caller writes the tool's stdin (<see cref="Input"/>).</param>
    /// <param name="environment">Variables set for the tool only.</param>
    public static ToolProcess Start(
        string tool,
        string executable,
        IEnumerable<string> arguments,
        string package = "ffmpeg",
        bool redirectInput = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw NotFound(tool, executable, package, e);
        }

        return new ToolProcess(tool, process);
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken) =>
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stops the tool and anything it started. Harmless once it has exited or been disposed.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own first.
            }
            catch (Win32Exception)
            {
                // It exited between the check and the signal.
            }
        }
    }

    /// <summary>The error to throw for a run that failed, quoting the tool's last line on stderr.</summary>
    public async Task<MediaDecodeException> FailureAsync(string what)
    {
        // Once the tool has exited its stderr is at end of file within moments; the bound is for a grandchild
        // that inherited the pipe and kept it open.
        await _stderrDrained.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        string[] lines;
        lock (_tail)
        {
            lines = [.. _tail];
        }

        if (lines.Any(line => line.Contains("not on whitelist", StringComparison.Ordinal)))
        {
            return new MediaDecodeException(
                $"{what}: it is not a video container we decode (MP4/MOV/3GP, WebM/Matroska, AVI, MPEG-TS/PS, FLV, ASF, Ogg or GIF).",
                lines);
        }

        var last = lines.LastOrDefault(line => line.Length > 0);
        var detail = last ?? $"{Tool} exited with code {ExitCode} and no message";
        return new MediaDecodeException($"{what}: {detail}", lines);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (Win32Exception)
            {
                // Already gone.
            }

            _process.Dispose();
        }
    }

    private static MediaToolNotFoundException NotFound(string tool, string executable, string package, Win32Exception error)
    {
        var onPath = executable.IndexOfAny(['/', '\\']) < 0;
        if (error.NativeErrorCode == NoSuchFile)
        {
            return new MediaToolNotFoundException(
                onPath
                    ? $"{tool} was not found on PATH; install the Debian package {package}"
                    : $"{tool} was not found at {executable}; install the Debian package {package} or correct the configured path",
                error);
        }

        return new MediaToolNotFoundException($"{tool} ({executable}) could not be started: {error.Message}", error);
    }

    private async Task DrainStderrAsync()
    {
        try
        {
            var reader = _process.StandardError;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var cleaned = Clean(line);
                lock (_tail)
                {
                    _tail.Enqueue(cleaned);
                    if (_tail.Count > TailLines)
                    {
                        _tail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was disposed under us: whatever it had to say no longer matters.
        }
    }

    // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d1…] moov atom not found" → "moov atom not found"; and the input's
    // "file:/tmp/…/upload: " prefix goes too, as the server's paths are nobody else's business.
    private static string Clean(string line)
    {
        line = ComponentPrefix().Replace(line, string.Empty);
        line = InputPrefix().Replace(line, string.Empty).Trim();
        return line.Length > MaxLineLength ? line[..MaxLineLength] : line;
    }

    [GeneratedRegex(@"^\[[^\]]* @ 0x[0-9a-fA-F]+\]\s*")]
    private static partial Regex ComponentPrefix();

    [GeneratedRegex(@"^file:.*?:\s(?=\S)")]
    private static partial Regex InputPrefix();
}
