using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Batches;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Batch submission (not Hive's; ours): many tasks in one request, each item its own task with its own outcome, and a
/// batch's progress counted from its tasks.
/// </summary>
internal static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v2/task/batch", SubmitBatchAsync).WithTags("Batches").WithName("SubmitBatch");
        routes.MapGet("/api/v2/batch/{id}", GetBatchAsync).WithTags("Batches").WithName("GetBatch");
        return routes;
    }

    private static async Task<IResult> SubmitBatchAsync(HttpContext context, ApiKeyAuthenticator auth, BatchAdmission admission)
    {
        var project = await auth.AuthenticateForSubmissionAsync(context.Request);
        var callbackUrl = BatchRequestReader.CallbackUrl(context.Request);
        var items = await BatchRequestReader.ReadAsync(context.Request, context.RequestAborted);
        var (batchId, outcomes) = await admission.AdmitAsync(project, items, callbackUrl, context.RequestAborted);
        return new JsonWriterResult(StatusCodes.Status200OK, writer => BatchAcknowledgementDocument.Write(writer, batchId, outcomes));
    }

    private static async Task<IResult> GetBatchAsync(string id, HttpContext context, ApiKeyAuthenticator auth, IGrainFactory grains)
    {
        var project = await auth.AuthenticateAsync(context.Request);
        if (!Guid.TryParse(id, out var batchId))
        {
            throw BatchNotFound();
        }

        // Another project's batch is answered exactly like one that does not exist.
        var batch = await grains.GetGrain<IBatchIntakeGrain>(0).GetAsync(batchId);
        if (batch is null || batch.ProjectId != project.ProjectId)
        {
            throw BatchNotFound();
        }

        return WireJsonResult.Ok(BatchDocument.From(batch), WireJson.Context.BatchDocument);
    }

    private static ApiException BatchNotFound() => new(StatusCodes.Status404NotFound, "Batch not found.");
}
