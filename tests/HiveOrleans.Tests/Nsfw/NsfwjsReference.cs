using System.Diagnostics;
using System.Text.Json;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>
/// nsfwjs's own probabilities for <see cref="ConformanceImages"/>: tools/nsfwjs/classify.js, on @tensorflow/tfjs's
/// cpu backend in Node, run once for the whole set on PPMs of the samples our decoder produced. Without node the
/// tests skip, saying why, except under CI (CI=true), where .ci/run provides node and its absence is a failure.
/// </summary>
public sealed class NsfwjsReference : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hiveorleans-nsfwjs-" + Guid.NewGuid().ToString("N"));

    public NsfwjsReference()
    {
        Images = [.. ConformanceImages.All()];
        var tools = ToolsFolder();
        if (!NodeAvailable())
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "CI runs the nsfwjs conformance tests: node must be on the PATH (.ci/run installs Debian's nodejs and npm).");
            SkipReason = "SKIPPED, nothing compared: node is not on the PATH (apt-get install nodejs npm; the build then installs tools/nsfwjs).";
            return;
        }

        Directory.CreateDirectory(_folder);
        var files = new List<string>();
        foreach (var (name, image) in Images)
        {
            var path = Path.Combine(_folder, name + ".ppm");
            ConformanceImages.WritePpm(path, image);
            files.Add(path);
        }

        // The build's tools/nsfwjs/prepare.sh installed the packages; running it again is a no-op then, and installs them if the build skipped it.
        Run("bash", [Path.Combine(tools, "prepare.sh"), Path.Combine(_folder, "model")], tools);
        using var json = JsonDocument.Parse(Run("node", [Path.Combine(tools, "classify.js"), .. files], tools));
        Versions = $"nsfwjs {json.RootElement.GetProperty("nsfwjs").GetString()} on tfjs {json.RootElement.GetProperty("tfjs").GetString()} ({json.RootElement.GetProperty("backend").GetString()})";
        Probabilities = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
            result => Path.GetFileNameWithoutExtension(result.GetProperty("file").GetString()!),
            result => NsfwjsModel.Labels.Select(label => result.GetProperty("probabilities").GetProperty(label).GetDouble()).ToArray());
    }

    public IReadOnlyList<(string Name, RgbImage Image)> Images { get; }

    /// <summary>Why the comparison cannot run here, or null.</summary>
    public string? SkipReason { get; }

    public string Versions { get; } = "";

    /// <summary>Per image name, nsfwjs's probabilities in <see cref="NsfwjsModel.Labels"/> order.</summary>
    public IReadOnlyDictionary<string, double[]> Probabilities { get; } = new Dictionary<string, double[]>();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The repository's tools/nsfwjs, above the test's folder.</summary>
    public static string ToolsFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "nsfwjs");
            if (File.Exists(Path.Combine(candidate, "classify.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tools/nsfwjs above {AppContext.BaseDirectory}.");
    }

    private static bool NodeAvailable()
    {
        try
        {
            Run("node", ["--version"], Environment.CurrentDirectory);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Run(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments.Take(2))} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
