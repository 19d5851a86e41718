using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Review;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Grains.Reviewers;

internal sealed class ReviewerGrain(
    [PersistentState(StorageNames.Reviewer, StorageNames.Provider)] IPersistentState<ReviewerState> state,
    IReviewQueueStore reviewQueues,
    IReviewAuditLog audit,
    TimeProvider time) : Grain, IReviewerGrain
{
    private long ReviewerId => ParseReviewerId(this.GetPrimaryKeyString());

    public async Task<ReviewerCreated> CreateAsync(ReviewerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Name is not null)
        {
            throw new ReviewerRequestException($"Reviewer {ReviewerId} already exists.");
        }

        var name = ReviewerRules.Name(spec.Name);
        var roles = ReviewerRules.Roles(spec.Roles);
        var projects = ReviewerRules.Projects(spec.Projects);
        await RequireProjectsExistAsync(projects);

        // The token goes live before the reviewer is written: a crash in between leaves a token whose reviewer does
        // not exist, which resolves to nothing; never a reviewer without a working token.
        var (token, hash) = await IssueTokenAsync();
        var now = time.GetUtcNow();
        state.State = new ReviewerState
        {
            Name = name,
            Projects = [.. projects],
            Roles = [.. roles],
            TokenHash = hash,
            CreatedOn = now,
            UpdatedOn = now,
        };
        await state.WriteStateAsync();
        return new ReviewerCreated { Reviewer = Details(), Token = token };
    }

    public Task<ReviewerDetails?> GetAsync() => Task.FromResult(state.State.Name is null ? null : Details());

    public async Task<ReviewerDetails> UpdateAsync(ReviewerChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        RequireExists();
        var name = changes.Name is { } given ? ReviewerRules.Name(given) : state.State.Name!;
        var roles = changes.Roles is { } newRoles ? ReviewerRules.Roles(newRoles) : null;
        var projects = changes.Projects is { } newProjects ? ReviewerRules.Projects(newProjects) : null;
        if (projects is not null)
        {
            await RequireProjectsExistAsync(projects);
        }

        state.State.Name = name;
        state.State.Roles = roles is null ? state.State.Roles : [.. roles];
        state.State.Projects = projects is null ? state.State.Projects : [.. projects];
        state.State.UpdatedOn = time.GetUtcNow();
        await state.WriteStateAsync();
        return Details();
    }

    public async Task<string> RotateTokenAsync()
    {
        RequireExists();
        var (token, hash) = await IssueTokenAsync();
        var old = state.State.TokenHash;
        state.State.TokenHash = hash;
        state.State.UpdatedOn = time.GetUtcNow();
        await state.WriteStateAsync();

        // The old token is dead from the write above (resolving checks the current hash); revoking its grain only
        // lets it answer without asking here.
        if (old is not null)
        {
            await GrainFactory.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKeyForHash(old)).RevokeAsync();
        }

        return token;
    }

    public async Task<ReviewerDetails> SetDisabledAsync(bool disabled)
    {
        RequireExists();
        if (state.State.Disabled != disabled)
        {
            state.State.Disabled = disabled;
            state.State.UpdatedOn = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        // After the write, so no new claim can follow the release; and on every disable, so repeating a disable
        // whose release failed finishes the job.
        if (disabled)
        {
            var released = await reviewQueues.ReleaseHeldByAsync(ReviewerId);
            var now = time.GetUtcNow();
            await Task.WhenAll(released.Select(lease => audit.AppendAsync(new ReviewAuditEntry(
                now, ReviewAuditActions.Release, lease.ProjectId, lease.TaskId, lease.Queue, ReviewerId, lease.Lease, ReviewAuditDetails.ReviewerDisabled))));
        }

        return Details();
    }

    public Task<ReviewerIdentity?> GetIdentityAsync(string tokenHash)
    {
        var current = state.State;
        var live = current.Name is not null && !current.Disabled && string.Equals(current.TokenHash, tokenHash, StringComparison.Ordinal);
        return Task.FromResult(live ? new ReviewerIdentity { ReviewerId = ReviewerId, Projects = [.. current.Projects], Roles = [.. current.Roles] } : null);
    }

    private void RequireExists()
    {
        if (state.State.Name is null)
        {
            throw new ReviewerRequestException("Reviewer not found.", notFound: true);
        }
    }

    /// <summary>A reviewer works only on projects that exist; the refusal names the first unknown id.</summary>
    private async Task RequireProjectsExistAsync(IReadOnlyList<long> projects)
    {
        var configs = await Task.WhenAll(projects.Select(id => GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).GetConfigAsync()));
        var missing = projects.Where((_, i) => configs[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw new ReviewerRequestException(missing.Count == 1
                ? $"'projects' names project {missing[0]}, which does not exist."
                : $"'projects' names projects that do not exist: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}.");
        }
    }

    private async Task<(string Token, string Hash)> IssueTokenAsync()
    {
        var token = ReviewerKeys.NewToken();
        await GrainFactory.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKey(token)).RegisterAsync(ReviewerId);
        return (token, ReviewerKeys.HashToken(token));
    }

    private ReviewerDetails Details() => new()
    {
        ReviewerId = ReviewerId,
        Name = state.State.Name!,
        Projects = [.. state.State.Projects],
        Roles = [.. state.State.Roles],
        Disabled = state.State.Disabled,
        CreatedOn = state.State.CreatedOn,
        UpdatedOn = state.State.UpdatedOn,
    };

    private static long ParseReviewerId(string grainKey) =>
        grainKey.StartsWith("reviewer-", StringComparison.Ordinal) && long.TryParse(grainKey.AsSpan("reviewer-".Length), out var id) && id > 0
            ? id
            : throw new ArgumentException($"'{grainKey}' is not a reviewer grain key.", nameof(grainKey));
}
