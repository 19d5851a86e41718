using HiveOrleans.Abstractions.Models;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Models;
using Microsoft.AspNetCore.Http.Features;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// The operator API for registered visual models, under <c>/admin/v1/models</c> and the operator token. An ONNX model
/// is uploaded as <c>multipart/form-data</c> (the JSON definition in the field <c>definition</c>, the file in the part
/// <c>model</c>); a model on the shared volume (<c>path</c>) or a remote one is registered with a JSON body. It reads
/// and writes JSON shapes only; what a valid model is, and the probe that verifies it, are the model grain's.
/// </summary>
internal static class ModelAdminApi
{
    /// <summary>Maps the model endpoints on <paramref name="admin"/>, the operator API's group, so its token check applies.</summary>
    public static IEndpointRouteBuilder MapModelAdminApi(this IEndpointRouteBuilder admin)
    {
        // A model's refusals (ModelRequestException) are answered by ApiErrorHandling with the status of their kind.
        var models = admin.MapGroup("/models");
        models.MapPost("", RegisterModelAsync).WithName("RegisterModel");
        models.MapGet("", ListModelsAsync).WithName("ListModels");
        models.MapGet("/{name}", GetModelAsync).WithName("GetModel");
        models.MapDelete("/{name}", DeleteModelAsync).WithName("DeleteModel");
        return admin;
    }

    private static async Task<IResult> RegisterModelAsync(HttpContext context, IGrainFactory grains)
    {
        var request = context.Request;
        if (request.ContentLength > ModelLimits.MaxContentBytes + 1024 * 1024)
        {
            throw TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ModelLimits.MaxContentBytes + 1024 * 1024;
        }

        ModelRegistration registration;
        string name;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A chunked body over the limit: Kestrel's own 413 would speak of a project's limit.
                throw TooLarge();
            }

            var definition = form["definition"].ToString();
            if (definition.Length == 0)
            {
                throw ApiException.BadRequest("The multipart field 'definition' is required: the model's definition as JSON.");
            }

            var file = form.Files.GetFile("model") ?? throw ApiException.BadRequest("The multipart part 'model' is required: the ONNX file.");
            if (file.Length > ModelLimits.MaxContentBytes)
            {
                // Within the request's allowance for the definition beside it, but not a file the store takes.
                throw TooLarge();
            }

            var root = await JsonFields.ReadObjectAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(definition)), "'definition' must be a JSON object.", context.RequestAborted);
            (name, var parsed, var path) = ModelDefinitionReader.Read(root);
            if (path is not null)
            {
                throw ApiException.BadRequest("Give either the part 'model' or 'path', not both.");
            }

            var content = new byte[file.Length];
            await using (var read = file.OpenReadStream())
            {
                await read.ReadExactlyAsync(content, context.RequestAborted);
            }

            registration = new ModelRegistration { Definition = parsed, Content = content };
        }
        else
        {
            var root = await JsonFields.ReadRequestObjectAsync(request, "model definition (or multipart/form-data with the ONNX file)", context.RequestAborted);
            (name, var parsed, var path) = ModelDefinitionReader.Read(root);
            registration = new ModelRegistration { Definition = parsed, Path = path };
        }

        var model = await Model(grains, name).RegisterAsync(registration, context.RequestAborted);
        context.Response.Headers.Location = $"/admin/v1/models/{model.Name}";
        return model.Replaced
            ? WireJsonResult.Ok(ModelDocument.From(model), WireJson.Context.ModelDocument)
            : WireJsonResult.Created(ModelDocument.From(model), WireJson.Context.ModelDocument);
    }

    private static async Task<IResult> ListModelsAsync(HttpContext context, IGrainFactory grains)
    {
        var models = await grains.GetGrain<IModelCatalogGrain>(0).ListAsync(context.RequestAborted);
        return WireJsonResult.Ok(ModelListDocument.From(models), WireJson.Context.ModelListDocument);
    }

    private static async Task<IResult> GetModelAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var model = await Model(grains, name).GetAsync(context.RequestAborted)
            ?? throw new ApiException(StatusCodes.Status404NotFound, $"Model '{name}' not found.");
        return WireJsonResult.Ok(ModelDocument.From(model), WireJson.Context.ModelDocument);
    }

    private static async Task<IResult> DeleteModelAsync(string name, HttpContext context, IGrainFactory grains)
    {
        await Model(grains, name).DeleteAsync(context.RequestAborted);
        return WireJsonResult.Ok(new ModelDeletedDocument(name, Deleted: true), WireJson.Context.ModelDeletedDocument);
    }

    private static IModelGrain Model(IGrainFactory grains, string name) => grains.GetGrain<IModelGrain>(ModelKeys.GrainKey(name));

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, $"A model file is at most {ModelLimits.MaxContentBytes / (1024 * 1024)} MiB; bigger models belong on a remote (KServe v2) server.");
}
