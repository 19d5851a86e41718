using System.Diagnostics.Metrics;

namespace HiveOrleans.Grains.Hosting;

/// <summary>
/// The product's own instruments on the <c>HiveOrleans</c> meter (exported with Orleans' through OpenTelemetry; see
/// docs/operations.md "Metrics"). Tags stay few and bounded: project id, model type, outcome.
/// </summary>
internal static class HiveMetrics
{
    /// <summary>The meter's name, which exporters subscribe to.</summary>
    public const string MeterName = "HiveOrleans";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> TasksSubmitted = Meter.CreateCounter<long>(
        "hiveorleans.tasks.submitted", "{task}", "Tasks stored and acknowledged");

    public static readonly Counter<long> TasksCompleted = Meter.CreateCounter<long>(
        "hiveorleans.tasks.completed", "{task}", "Tasks finished, by outcome (succeeded or the error code)");

    public static readonly Histogram<double> ModelDuration = Meter.CreateHistogram<double>(
        "hiveorleans.model.duration", "ms", "Time a model run took, waiting for a slot excluded");

    public static readonly Counter<long> CallbackAttempts = Meter.CreateCounter<long>(
        "hiveorleans.callbacks.attempts", "{attempt}", "Callback attempts, by outcome (delivered, failed, deferred)");

    public static readonly Histogram<double> CallbackDuration = Meter.CreateHistogram<double>(
        "hiveorleans.callbacks.duration", "ms", "Time a callback attempt took until its answer or failure");

    public static readonly Counter<long> ReviewClaims = Meter.CreateCounter<long>(
        "hiveorleans.review.claims", "{claim}", "Tasks leased to a reviewer, by project and queue");

    public static readonly Counter<long> ReviewDecisions = Meter.CreateCounter<long>(
        "hiveorleans.review.decisions", "{decision}", "Reviewers' decisions taken (approve, reject, escalate), by project and reviewer");

    public static readonly Histogram<double> ReviewTimeToDecision = Meter.CreateHistogram<double>(
        "hiveorleans.review.time_to_decision", "s", "Time from a task entering review to a reviewer's approval or rejection");

    public static KeyValuePair<string, object?> Project(long projectId) => new("project", projectId);

    public static KeyValuePair<string, object?> Model(string modelType) => new("model", modelType);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    public static KeyValuePair<string, object?> Queue(string queue) => new("queue", queue);

    public static KeyValuePair<string, object?> Decision(string decision) => new("decision", decision);

    public static KeyValuePair<string, object?> Reviewer(long reviewerId) => new("reviewer", reviewerId);
}
