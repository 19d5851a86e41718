using System.Globalization;

namespace HiveOrleans.Bench;

/// <summary>Command-line options: <c>--mode embedded|cluster|both --phases default|quotas|callbacks|uploads|batch|all --seconds N --concurrency N --upload-concurrency N --rate N --postgres CONNSTR</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "usage: HiveOrleans.Bench [--mode embedded|cluster|both] [--hosting in-process|processes] [--silos N] [--phases default|quotas|callbacks|uploads|open-loop|review|batch|rerun|all] [--seconds N] [--concurrency N] [--upload-concurrency N] [--rate N] [--reviewers N] [--review-pending N] [--review-rate N] [--rerun-tasks N] [--postgres CONNSTR]\n"
        + "       HiveOrleans.Bench --target http://127.0.0.1:PORT --admin-token TOKEN (--database NAME | --data-directory DIR) [--service-pids PID,PID] [--phases ...] [...]"
        + "\n       (a --target service must allow callbacks to 127.0.0.1: HiveOrleans__Callbacks__AllowList__0=127.0.0.1)"
        + "\n       HiveOrleans.Bench models | dihedral   (the models alone, in-process; see docs/benchmarks.md)";

    /// <summary>"in-process": the service runs inside the driver; "processes": README's silo and gateway processes.</summary>
    public string Hosting { get; init; } = "in-process";

    /// <summary>Silo processes in cluster mode with <c>--hosting processes</c>.</summary>
    public int Silos { get; init; } = 1;

    /// <summary>A service started by someone else, on loopback; with it the driver starts nothing.</summary>
    public Uri? Target { get; init; }

    public string? AdminToken { get; init; }

    /// <summary>The attached service's PostgreSQL database (on <see cref="Postgres"/>'s server), read to see what is left to process.</summary>
    public string? Database { get; init; }

    /// <summary>The attached embedded service's data directory, read for the same purpose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The attached service's processes, whose CPU and memory are measured.</summary>
    public IReadOnlyList<int> ServicePids { get; init; } = [];

    public IReadOnlyList<string> Modes { get; init; } = ["embedded"];

    /// <summary>Which cases run: "default" (async acks, sync, submit→callback), "quotas", "callbacks", "uploads".</summary>
    public IReadOnlyList<string> Phases { get; init; } = ["default"];

    public int Seconds { get; init; } = 15;

    public int Concurrency { get; init; } = 64;

    /// <summary>Clients uploading at once in the uploads phase: each has a 1 MiB request in flight.</summary>
    public int UploadConcurrency { get; init; } = 16;

    public int Rate { get; init; } = 50;

    /// <summary>Reviewers claiming and deciding at once in the review phase, each with their own token.</summary>
    public int Reviewers { get; init; } = 200;

    /// <summary>Tasks put in the review queue before the review phase measures.</summary>
    public int ReviewPending { get; init; } = 100_000;

    /// <summary>The rerun phase: how many stored text tasks the shadow rerun goes over (cluster mode).</summary>
    public int RerunTasks { get; init; } = 1_000_000;

    /// <summary>Claims plus decisions a second that the reviewers aim at together (each reviewer paced alike).</summary>
    public int ReviewRate { get; init; } = 1_000;

    public string Postgres { get; init; } = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static bool TryParse(string[] args, out BenchOptions options, out string problem)
    {
        options = new BenchOptions();
        problem = string.Empty;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = $"'{args[i]}' needs a value.";
                return false;
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--mode" when value is "embedded" or "cluster":
                    options = options with { Modes = [value] };
                    break;
                case "--mode" when value == "both":
                    options = options with { Modes = ["embedded", "cluster"] };
                    break;
                case "--phases" when value is "default" or "quotas" or "callbacks" or "uploads" or "open-loop" or "review" or "batch" or "rerun":
                    options = options with { Phases = [value] };
                    break;
                case "--phases" when value == "all":
                    options = options with { Phases = ["default", "quotas", "callbacks", "uploads"] };
                    break;
                case "--seconds" when Positive(value, 3600) is { } seconds:
                    options = options with { Seconds = seconds };
                    break;
                case "--concurrency" when Positive(value, 4096) is { } concurrency:
                    options = options with { Concurrency = concurrency };
                    break;
                case "--upload-concurrency" when Positive(value, 1024) is { } uploadConcurrency:
                    options = options with { UploadConcurrency = uploadConcurrency };
                    break;
                case "--rate" when Positive(value, 100_000) is { } rate:
                    options = options with { Rate = rate };
                    break;
                case "--reviewers" when Positive(value, 1000) is { } reviewers:
                    options = options with { Reviewers = reviewers };
                    break;
                case "--review-rate" when Positive(value, 100_000) is { } reviewRate:
                    options = options with { ReviewRate = reviewRate };
                    break;
                case "--review-pending" when Positive(value, 2_000_000) is { } pending:
                    options = options with { ReviewPending = pending };
                    break;
                case "--rerun-tasks" when Positive(value, 100_000_000) is { } rerunTasks:
                    options = options with { RerunTasks = rerunTasks };
                    break;
                case "--postgres" when value.Length > 0:
                    options = options with { Postgres = value };
                    break;
                case "--hosting" when value is "in-process" or "processes":
                    options = options with { Hosting = value };
                    break;
                case "--silos" when Positive(value, 16) is { } silos:
                    options = options with { Silos = silos };
                    break;
                case "--target" when Uri.TryCreate(value, UriKind.Absolute, out var target) && target.IsLoopback:
                    options = options with { Target = target };
                    break;
                case "--admin-token" when value.Length > 0:
                    options = options with { AdminToken = value };
                    break;
                case "--database" when value.Length > 0:
                    options = options with { Database = value };
                    break;
                case "--data-directory" when value.Length > 0:
                    options = options with { DataDirectory = value };
                    break;
                case "--service-pids" when value.Split(',').All(p => Positive(p, int.MaxValue) is not null):
                    options = options with { ServicePids = [.. value.Split(',').Select(p => Positive(p, int.MaxValue)!.Value)] };
                    break;
                default:
                    problem = $"'{args[i]} {value}' is not a known option with a valid value (--target must be a loopback address).";
                    return false;
            }
        }

        if (options.Target is not null && (options.AdminToken is null || (options.Database is null) == (options.DataDirectory is null)))
        {
            problem = "--target needs --admin-token and one of --database (cluster) or --data-directory (embedded).";
            return false;
        }

        return true;
    }

    private static int? Positive(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max ? n : null;
}
