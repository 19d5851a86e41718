using System.Globalization;
using HiveOrleans.Bench;

// The load driver: starts the whole system in this process (embedded on SQLite, or a co-hosted silo on PostgreSQL),
// drives it over HTTP on 127.0.0.1 and prints what it measured. Run it in Release; see docs/benchmarks.md.
if (!BenchOptions.TryParse(args, out var options, out var problem))
{
    await Console.Error.WriteLineAsync(problem);
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

// Other work on the machine skews every figure here; the load average says whether there was any.
var loadAtStart = LoadAverage();
var results = new List<PhaseResult>();
foreach (var mode in options.Modes)
{
    Console.WriteLine($"== {mode}: starting");
    await using var system = mode == "cluster"
        ? await SystemUnderTest.StartClusterAsync(options.Postgres)
        : await SystemUnderTest.StartEmbeddedAsync();
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    var key = await system.CreateProjectAsync(client);
    var phases = new LoadPhases(client, system, key, options);

    Console.WriteLine($"== {mode}: async acknowledgements, {options.Concurrency} workers, 3 s warm-up + {options.Seconds} s");
    results.Add(Report(await phases.AsyncAcknowledgementsAsync()));
    Console.WriteLine($"== {mode}: sync latency at {options.Rate}/s for {options.Seconds} s");
    results.Add(Report(await phases.SyncLatencyAsync()));
    Console.WriteLine($"== {mode}: submit→callback latency at {options.Rate}/s for {options.Seconds} s");
    await using (var sink = await CallbackSink.StartAsync())
    {
        results.Add(Report(await phases.CallbackLatencyAsync(sink)));
    }

    Console.WriteLine($"== {mode}: stopping");
}

Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores; {options.Seconds} s per phase; concurrency {options.Concurrency}; rate {options.Rate}/s; "
    + $"load average {loadAtStart} at the start, {LoadAverage()} at the end");
Console.WriteLine();
Console.WriteLine("| mode | phase | ok | errors | ok/s | p50 ms | p99 ms | max ms | CPU s | CPU ms/ok | PG CPU s | host CPU s | peak WS MiB |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Mode} | {r.Phase} | {r.Ok} | {r.Errors} | {r.PerSecond:0} | {r.Latency.P50:0.0} | {r.Latency.P99:0.0} | {r.Latency.Max:0.0} | {r.Resources.CpuSeconds:0.0} | {(r.Ok == 0 ? double.NaN : r.Resources.CpuSeconds * 1000 / r.Ok):0.00} | {r.Resources.PostgresCpuSeconds:0.0} | {r.Resources.HostCpuSeconds:0.0} | {r.Resources.PeakWorkingSetMiB:0} |"));
}

Console.WriteLine();
foreach (var r in results.Where(r => r.Notes.Length > 0))
{
    Console.WriteLine($"- {r.Mode}, {r.Phase}: {r.Notes}");
}

return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static PhaseResult Report(PhaseResult result)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"   {result.Ok} ok, {result.Errors} errors, {result.PerSecond:0}/s, p50 {result.Latency.P50:0.0} ms, p99 {result.Latency.P99:0.0} ms, max {result.Latency.Max:0.0} ms, CPU {result.Resources.CpuSeconds:0.0} s (PostgreSQL {result.Resources.PostgresCpuSeconds:0.0} s, host {result.Resources.HostCpuSeconds:0.0} s), peak {result.Resources.PeakWorkingSetMiB:0} MiB"));
    if (result.Notes.Length > 0)
    {
        Console.WriteLine("   " + result.Notes);
    }

    return result;
}

/// <summary>Command-line options: <c>--mode embedded|cluster|both --seconds N --concurrency N --rate N --postgres CONNSTR</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "usage: HiveOrleans.Bench [--mode embedded|cluster|both] [--seconds N] [--concurrency N] [--rate N] [--postgres CONNSTR]";

    public IReadOnlyList<string> Modes { get; init; } = ["embedded"];

    public int Seconds { get; init; } = 15;

    public int Concurrency { get; init; } = 64;

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
                case "--seconds" when Positive(value, 3600) is { } seconds:
                    options = options with { Seconds = seconds };
                    break;
                case "--concurrency" when Positive(value, 4096) is { } concurrency:
                    options = options with { Concurrency = concurrency };
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
