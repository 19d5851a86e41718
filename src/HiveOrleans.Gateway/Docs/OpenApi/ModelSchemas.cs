using Microsoft.OpenApi;
using static HiveOrleans.Gateway.Docs.OpenApi.Schema;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>The registered visual models' shapes (docs/api.md, "Visual models"), as components of the OpenAPI document.</summary>
internal static class ModelSchemas
{
    private const string Example = """
        {"name": "weapons", "kind": "onnx", "head": "weapons", "labels": ["gun", "knife", "none"],
         "classes": {"weapon_gun": ["gun"], "weapon_knife": ["knife"], "weapon_none": ["none"]},
         "preprocessing": {"width": 224, "height": 224, "resize": "stretch", "channels": "rgb", "layout": "nchw", "divisor": 255, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}}
        """;

    public static void AddTo(OpenApiDocument document)
    {
        IOpenApiSchema Ref(string name) => new OpenApiSchemaReference(name, document);

        var preprocessing = Object("How a picture becomes the model's input: stretched to `width`×`height` (aligned-corner bilinear, aspect ratio ignored), then per channel `(sample / divisor - mean) / std`.",
            ("width", Integer("1–4096.")), ("height", Integer("1–4096.")), ("resize", Enum("Default `stretch`.", "stretch")),
            ("channels", Enum("Default `rgb`.", "rgb", "bgr")), ("layout", Enum("Default `nchw` ([N, 3, H, W]); `nhwc` is [N, H, W, 3].", "nchw", "nhwc")),
            ("divisor", Number("Each 0–255 sample is divided by this first; default 255.")),
            ("mean", Array(Number(""), "Three values, in `channels` order; default 0.")), ("std", Array(Number(""), "Three non-zero values; default 1.")));
        var remote = NullableObject("A KServe v2 server: `POST {base_url}/v2/models/{model_name}/infer` with the pictures as one FP32 tensor in JSON.",
            ("base_url", String("http or https, no query.", "uri")), ("model_name", String("")), ("input_name", String("")), ("output_name", String("")),
            ("timeout_seconds", Number("One attempt's deadline, 0.1–600; default 10.")),
            ("retries", Integer("Attempts after the first on a 5xx, a connection failure or a deadline, with backoff from 200 ms; 0–10, default 2.")),
            ("max_concurrency", Integer("Requests one silo has open to the server at once; 1–1000, default 4.")));
        document.AddComponent("NewModel", Object("A model to register.",
                ("name", String("Lowercase letters, digits, `_` and `-`, starting with a letter or digit, at most 64; not `nsfw` or `hash_banks`.")),
                ("kind", Enum("Default `onnx`.", "onnx", "remote")),
                ("description", String("At most 1000 characters.")),
                ("head", String("`[a-z0-9_]{1,64}`: the head its classes belong to.")),
                ("labels", Array(String(""), "A name per output score, in output order.")),
                ("classes", Map(Array(String(""), ""), "Class → the labels whose scores add up to it, in the order reported. Default: each label L as `{head}_{l}`.")),
                ("preprocessing", preprocessing),
                ("path", String("JSON only, kind `onnx`: the file on the silos' shared volume, instead of the multipart part `model`.")),
                ("remote", remote))
            .Required("name", "head", "labels", "preprocessing").Example(Example));
        document.AddComponent("Model", Object("A registered model.",
            ("name", String("")), ("kind", String("")),
            ("version", String("`{name}/{kind}-` and 12 hex digits of the SHA-256 of the file and definition: in every task's `model_version` and the result cache key.")),
            ("description", String("")), ("head", String("")), ("labels", Array(String(""), "")),
            ("classes", Map(Array(String(""), ""), "Every class reported, in order, with its labels.")),
            ("preprocessing", preprocessing), ("remote", remote),
            ("content_bytes", Integer("The ONNX file's size; 0 for a remote model.")), ("registered_on", Time("")),
            ("replaced", Boolean("In a registration's answer: true when it replaced a model of the same name."))));
        document.AddComponent("ModelList", Object("", ("models", Array(Ref("Model"), ""))));
        document.AddComponent("DeletedModel", Object("", ("name", String("")), ("deleted", Boolean("Always true."))));
    }
}
