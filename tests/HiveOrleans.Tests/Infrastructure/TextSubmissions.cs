using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>What a gateway would hand a task grain for an async text submission to project 1.</summary>
public static class TextSubmissions
{
    public static TaskSubmission Async(string text) => new()
    {
        ProjectId = 1,
        UserId = 1,
        TextData = text,
        Mode = TaskMode.Async,
        SubmittedOn = DateTimeOffset.UtcNow,
        ModelType = "text",
        ConfigVersion = 1,
    };
}
