namespace HiveOrleans.Abstractions.Tasks;

/// <summary>Where a task is in its lifecycle.</summary>
[GenerateSerializer, Alias("HiveOrleans.TaskPhase")]
public enum TaskPhase
{
    /// <summary>Stored, not yet picked up by a model.</summary>
    Pending = 0,

    /// <summary>A model is working on it.</summary>
    Processing = 1,

    /// <summary>The model is done and a human reviewer has the final word.</summary>
    AwaitingReview = 2,

    /// <summary>Finished with a result.</summary>
    Succeeded = 3,

    /// <summary>Finished without a result; <see cref="TaskSnapshot.ErrorCode"/> says why.</summary>
    Failed = 4,
}
