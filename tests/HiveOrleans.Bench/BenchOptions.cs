using System.Globalization;

namespace HiveOrleans.Bench;

/// <summary>Command-line options: <c>--mode embedded|cluster|both --phases default|quotas|callbacks|uploads|all --seconds N --concurrency N --upload-concurrency N --rate N --postgres CONNSTR</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "usage: HiveOrleans.Bench [--mode embedded|cluster|both] [--phases default|quotas|callbacks|uploads|all] [--seconds N] [--concurrency N] [--upload-concurrency N] [--rate N] [--postgres CONNSTR]";

    public IReadOnlyList<string> Modes { get; init; } = ["embedded"];

    /// <summary>Which cases run: "default" (async acks, sync, submit→callback), "quotas", "callbacks", "uploads".</summary>
    public IReadOnlyList<string> Phases { get; init; } = ["default"];

    public int Seconds { get; init; } = 15;

    public int Concurrency { get; init; } = 64;

    /// <summary>Clients uploading at once in the uploads phase: each has a 1 MiB request in flight.</summary>
    public int UploadConcurrency { get; init; } = 16;

    public int Rate { get; init; } = 50;

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
                case "--phases" when value is "default" or "quotas" or "callbacks" or "uploads":
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
                case "--postgres" when value.Length > 0:
                    options = options with { Postgres = value };
                    break;
                default:
                    problem = $"'{args[i]} {value}' is not a known option with a valid value.";
                    return false;
            }
        }

        return true;
    }

    private static int? Positive(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max ? n : null;
}
