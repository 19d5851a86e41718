using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The registered visual models' operator endpoints as the OpenAPI document describes them; docs/api.md has the same in prose.</summary>
internal static class ModelOperations
{
    private static readonly ParameterDoc ModelName = new("name", ParameterLocation.Path, "The model's name.", JsonSchemaType.String, "weapons") { Required = true };

    private static readonly Failure NotFound = new(404, "No model of that name.", "Model 'weapons' not found.");

    private static readonly Failure BadModel = new(400,
        "A malformed definition, a file ONNX Runtime cannot load, an input that does not fit the preprocessing, an output that does not fit the labels, or a remote server that cannot be reached or refuses the probe: named in the message.",
        "The ONNX model failed verification: The model's output 'scores' is Single[-1, 4]; 3 labels need float[N, 3].");

    public static IEnumerable<(string Route, OperationDoc Doc)> All()
    {
        yield return ("POST /admin/v1/models", Operator("Register a visual model",
            "Registers an ONNX model or a remote KServe v2 (Triton) model server, which visual projects can then name in `visual_models`, " +
            "or replaces the model of that name (a new `version`). An ONNX file is uploaded as `multipart/form-data`: the definition below as JSON " +
            "in the field `definition`, the file (at most 64 MiB) in the part `model`; or sent as JSON with `path`, a file on the silos' shared volume " +
            "(`HiveOrleans:Models:SharedDirectory`). A remote model is JSON with `remote`. A silo verifies the model before it is stored: ONNX Runtime " +
            "loads the file, its input and output are checked against `preprocessing` and `labels`, and a blank picture is run; a remote server is sent a blank picture.",
            new(201, "The model (200 when it replaced one of the same name).", "Model"),
            [.. Failures.Operator, BadModel, new(413, "An ONNX file over 64 MiB.", "A model file is at most 64 MiB; bigger models belong on a remote (KServe v2) server."),
                new(415, "A body that is neither multipart nor JSON.", "Send the model definition (or multipart/form-data with the ONNX file) as application/json.")])
            .WithJsonBody("NewModel"));
        yield return ("GET /admin/v1/models", Operator("List visual models", "Every registered model with its version and classes, by name.",
            new(200, "The models.", "ModelList"), Failures.Operator));
        yield return ("GET /admin/v1/models/{name}", Operator("Get a visual model", "Its definition, version and classes.",
            new(200, "The model.", "Model"), [.. Failures.Operator, NotFound], ModelName));
        yield return ("DELETE /admin/v1/models/{name}", Operator("Delete a visual model",
            "Refused with 409 while a project names it in `visual_models`, naming the projects; take it out of their settings first.",
            new(200, "Deleted.", "DeletedModel", """{"name": "weapons", "deleted": true}"""),
            [.. Failures.Operator, NotFound, new(409, "Projects still run the model.", "Model 'weapons' is in use by project(s) 3, 7; take it out of their 'visual_models' first.")], ModelName));
    }

    private static OperationDoc Operator(string summary, string description, Reply reply, Failure[] failures, params ParameterDoc[] parameters) =>
        new(summary, description) { Caller = Caller.Operator, Reply = reply, Failures = failures, Parameters = parameters };
}
