using System.Globalization;
using HiveOrleans.Bench;

// The load driver: starts the system in this process (embedded on SQLite, or a co-hosted silo on PostgreSQL), or as
// README's separate silo and gateway processes (--hosting processes), or attaches to one already running (--target);
// drives it over HTTP on 127.0.0.1 and prints what it measured. Run it in Release; see docs/benchmarks.md.
// "models" measures the text engine, PDQ and the NSFW classifier alone, with no system around them; "dihedral" what
// hashing and looking up a picture's eight dihedral PDQ hashes costs against one; "ocr" reading and judging a meme, and
// word recall over the OCR tests' pictures; "speech" the speech recogniser and how often it lets the text engine flag
// spoken threats.
if (args is ["dihedral"])
{
    DihedralBenchmarks.Run();
    return 0;
}

if (args is ["ocr"])
{
    await OcrBenchmarks.RunAsync();
    return 0;
}

if (args is ["speech"])
{
    await SpeechBenchmarks.RunAsync();
    return 0;
}

if (args is ["models"])
{
    ModelBenchmarks.Run();
    await NsfwBenchmarks.RunAsync();
    return 0;
}

if (!BenchOptions.TryParse(args, out var options, out var problem))
{
    await Console.Error.WriteLineAsync(problem);
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

// The uploads' pictures are drawn once, before the load average is read, and serve every mode.
UploadImages? images = null;
if (options.Phases.Contains("uploads"))
{
    images = UploadImages.Generate(count: 32);
    Console.WriteLine($"== uploads: {images.Description}");
}

// Other work on the machine skews every figure here; the load average says whether there was any.
var loadAtStart = LoadAverage();
var results = new List<PhaseResult>();
var summaries = new List<string>();
foreach (var mode in options.Target is null ? options.Modes : [options.Database is null ? "embedded" : "cluster"])
{
    Console.WriteLine($"== {mode}: starting");
    await using var system = options switch
    {
        { Target: { } target } => SystemUnderTest.Attach(target, options.AdminToken!, options.Postgres, options.Database, options.DataDirectory, options.ServicePids),
        { Hosting: "processes" } => await SystemUnderTest.SpawnAsync(options.Postgres, mode == "cluster" ? options.Silos : 0),
        _ when mode == "cluster" => await SystemUnderTest.StartClusterAsync(options.Postgres),
        _ => await SystemUnderTest.StartEmbeddedAsync(),
    };
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(options.Concurrency, options.UploadConcurrency), UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
    var key = await system.CreateProjectAsync(client);
    var phases = new LoadPhases(client, system, key, options);
    if (options.Phases.Contains("default"))
    {
        Console.WriteLine($"== {mode}: async acknowledgements, {options.Concurrency} workers, 3 s warm-up + {options.Seconds} s");
        results.Add(Report(await phases.AsyncAcknowledgementsAsync()));
        Console.WriteLine($"== {mode}: sync latency at {options.Rate}/s for {options.Seconds} s");
        results.Add(Report(await phases.SyncLatencyAsync()));
        Console.WriteLine($"== {mode}: submit→callback latency at {options.Rate}/s for {options.Seconds} s");
        await using var sink = await CallbackSink.StartAsync();
        results.Add(Report(await phases.CallbackLatencyAsync(sink)));
    }
    else if (options.Phases.Contains("quotas") || options.Phases.Contains("callbacks"))
    {
        // The first run in a fresh process is slow (JIT and tiering, connection pools growing): warm up uncompared.
        Console.WriteLine($"== {mode}: async acks, warm-up (not compared)");
        results.Add(Report(await phases.AsyncAcknowledgementsAsync("async acks, warm-up (not compared)")));
    }

    if (options.Phases.Contains("open-loop"))
    {
        // Only the open-loop phase: the load an operator keeps up while injecting faults by hand (docs/benchmarks.md).
        Console.WriteLine($"== {mode}: submit→callback latency at {options.Rate}/s for {options.Seconds} s, open loop only");
        await using var sink = await CallbackSink.StartAsync();
        results.Add(Report(await phases.CallbackLatencyAsync(sink)));
    }

    if (options.Phases.Contains("quotas"))
    {
        // Off on on off, on off off on: a steady drift (tables growing, other work) weighs on both sides alike.
        var limited = new LoadPhases(client, system, await system.CreateProjectAsync(client, limits: true), options);
        var runs = new List<(bool Quotas, PhaseResult Result)>();
        foreach (var quotas in new[] { false, true, true, false, true, false, false, true })
        {
            var phase = $"async acks, quotas {(quotas ? "on" : "off")} ({runs.Count(r => r.Quotas == quotas) + 1})";
            Console.WriteLine($"== {mode}: {phase}, {options.Concurrency} workers, 3 s warm-up + {options.Seconds} s");
            var result = Report(await (quotas ? limited : phases).AsyncAcknowledgementsAsync(phase));
            runs.Add((quotas, result));
            results.Add(result);
        }

        string Side(bool quotas)
        {
            var rates = runs.Where(r => r.Quotas == quotas).Select(r => r.Result.PerSecond).ToArray();
            return string.Create(CultureInfo.InvariantCulture, $"{rates.Average():0} ({rates.Min():0}–{rates.Max():0})");
        }

        var off = runs.Where(r => !r.Quotas).Average(r => r.Result.PerSecond);
        var on = runs.Where(r => r.Quotas).Average(r => r.Result.PerSecond);
        summaries.Add(string.Create(CultureInfo.InvariantCulture,
            $"{mode}, quotas on vs off: {Side(true)} vs {Side(false)} acks/s, mean (range); quotas cost {(off - on) / off:+0.0%;-0.0%} of throughput"));
    }

    if (options.Phases.Contains("callbacks"))
    {
        Console.WriteLine($"== {mode}: callback throughput, 1 receiver, {options.Concurrency} workers, 3 s warm-up + {options.Seconds} s");
        await using (var sink = await CallbackSink.StartAsync())
        {
            results.Add(Report(await phases.CallbackThroughputAsync(sink, "callbacks, 1 receiver (closed loop)")));
        }

        Console.WriteLine($"== {mode}: callback throughput, 100 receivers of which 10 answer 503, {options.Concurrency} workers, 3 s warm-up + {options.Seconds} s");
        await using (var sink = await CallbackSink.StartAsync(receivers: 100, down: 10))
        {
            results.Add(Report(await phases.CallbackThroughputAsync(sink, "callbacks, 90 of 100 receivers up (closed loop)")));
        }
    }

    if (images is not null)
    {
        // Its own warm-up covers what the text phases do not: multipart, the media store and the visual model.
        Console.WriteLine($"== {mode}: uploads of 1 MiB JPEGs to async, {options.UploadConcurrency} clients, warm-up then at most {LoadPhases.MaxUploads:N0} uploads or {LoadPhases.UploadWindow.TotalSeconds:0} s");
        var uploads = new LoadPhases(client, system, await system.CreateVisualProjectAsync(client), options);
        results.Add(Report(await uploads.UploadsAsync(images, $"uploads, 1 MiB JPEG, {options.UploadConcurrency} clients (closed loop)")));
    }

    if (options.Phases.Contains("batch"))
    {
        Console.WriteLine($"== {mode}: batch submission, a {5000:N0}-line warm-up batch, then one NDJSON batch of {LoadPhases.BatchLines:N0} text lines");
        results.Add(Report(await phases.BatchAsync()));
    }

    if (options.Phases.Contains("review"))
    {
        Console.WriteLine($"== {mode}: manual review, {options.ReviewPending:N0} tasks queued through the async API, then {options.Reviewers} reviewers claiming and deciding at {options.ReviewRate}/s together, 3 s warm-up + {options.Seconds} s");
        results.Add(Report(await phases.ReviewAsync()));
    }

    if (options.Phases.Contains("rerun"))
    {
        Console.WriteLine($"== {mode}: a shadow rerun over {options.RerunTasks:N0} stored text tasks, alone and then beside async acks ({options.Concurrency} workers, 3 s warm-up + {options.Seconds} s)");
        results.AddRange((await phases.RerunAsync()).Select(Report));
    }

    Console.WriteLine($"== {mode}: stopping");
}

Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores; phases {string.Join(", ", options.Phases)}; {options.Seconds} s per phase; concurrency {options.Concurrency}; upload concurrency {options.UploadConcurrency}; rate {options.Rate}/s; "
    + $"load average {loadAtStart} at the start, {LoadAverage()} at the end");
Console.WriteLine();
Console.WriteLine("| mode | phase | ok | errors | ok/s | p50 ms | p99 ms | max ms | CPU s | CPU ms/ok | PG CPU s | (CPU + PG) ms/ok | driver CPU s | host CPU s | peak WS MiB |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Mode} | {r.Phase} | {r.Ok} | {r.Errors} | {r.PerSecond:0} | {r.Latency.P50:0.0} | {r.Latency.P99:0.0} | {r.Latency.Max:0.0} | {r.Resources.CpuSeconds:0.0} | {(r.Ok == 0 ? double.NaN : r.Resources.CpuSeconds * 1000 / r.Ok):0.00} | {r.Resources.PostgresCpuSeconds:0.0} | {(r.Ok == 0 ? double.NaN : (r.Resources.CpuSeconds + r.Resources.PostgresCpuSeconds) * 1000 / r.Ok):0.00} | {r.Resources.DriverCpuSeconds:0.0} | {r.Resources.HostCpuSeconds:0.0} | {r.Resources.PeakWorkingSetMiB:0} |"));
}

Console.WriteLine();
foreach (var r in results.Where(r => r.Notes.Length > 0))
{
    Console.WriteLine($"- {r.Mode}, {r.Phase}: {r.Notes}");
}

foreach (var summary in summaries)
{
    Console.WriteLine($"- {summary}");
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
