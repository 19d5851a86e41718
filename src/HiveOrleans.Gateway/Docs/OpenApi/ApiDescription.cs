using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>
/// Completes the OpenAPI document ASP.NET Core builds from the routes: what each operation does, its body, its
/// answers with examples and the JSON error for each way it fails, and the two security schemes. The endpoints are
/// left as they are (their bodies and answers are written by hand, so none of this could be inferred); an operation is
/// found by its method and route, so a route that moves loses its description, which the tests notice.
/// </summary>
internal sealed class ApiDescription : IOpenApiDocumentTransformer
{
    public const string ProjectKeyScheme = "ProjectKey";
    public const string OperatorScheme = "OperatorToken";
    public const string ReviewerTokenScheme = "ReviewerToken";
    public const string ReviewerSessionScheme = "ReviewerSession";

    private static readonly (string Route, OperationDoc Doc)[] Catalogue = [.. TaskOperations.All(), .. BatchOperations.All(), .. OperatorOperations.All(), .. ModelOperations.All(), .. ReviewOperations.All(), .. RerunOperations.All()];

    private static readonly FrozenDictionary<string, OperationDoc> Operations =
        Catalogue.ToFrozenDictionary(o => o.Route, o => o.Doc, StringComparer.Ordinal);

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Tasks", "Hive's task API: submit content, read results, follow and resend callbacks. Authenticate with a project's key: `authorization: token <API_KEY>`."),
        ("Operator", "Ours, not Hive's: projects, their keys, webhook secrets, usage and failing callbacks, behind `authorization: Bearer <operator token>`. The `hiveorleans` CLI drives the same endpoints."),
        ("Reviewers", "The reviewers of manual review, their projects, roles and sign-in tokens, and the review audit log (operator token)."),
        ("Reviewer API", "What reviewers of manual review call (the reviewer page too): sign in, list queues, claim a task under a lease, decide it. Authenticate with `authorization: Bearer <reviewer token>`, or the session cookie `POST /review/v1/session` sets (then state-changing requests also send `x-csrf-token`). docs/review.md has the design."),
        ("Hash banks", "Banks of PDQ hashes that visual projects match every frame against (operator token)."),
        ("Reruns", "Running a text project's stored tasks again under settings to try: shadow reports and applied results (operator token)."),
        ("Visual models", "ONNX models and remote KServe v2 model servers that visual projects can run besides the built-in ones (operator token)."),
        ("Health", "Probes for load balancers and orchestrators; no authentication."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "HiveOrleans",
            Version = ServiceVersion.Current,
            Description =
                "A self-hosted content-moderation service that speaks Hive's task API: a client written for Hive works against it by changing only the host.\n\n" +
                "- Task endpoints take a project's key: `authorization: token <API_KEY>` (the scheme word in any case).\n" +
                "- The operator API under `/admin/v1` takes the operator token: `authorization: Bearer <token>`.\n" +
                "- The reviewer API under `/review/v1` takes a reviewer's token (`authorization: Bearer <token>`) or the reviewer page's session cookie.\n" +
                "- Every error is JSON: `{\"return_code\": <status>, \"message\": \"...\"}`; `429` and `503` carry `Retry-After`.\n\n" +
                "Where HiveOrleans differs from Hive, and every limit a caller can meet: docs/api.md in the source tree.",
        };
        document.AddComponent(ProjectKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "authorization",
            Description = "A project's API key, as Hive takes it: the header value is `token <API_KEY>` (e.g. `authorization: token pojJzBV-775h…`). " +
                "Every project has two live keys (slots 1 and 2) so one can be rotated while the other works. " +
                "No header or another scheme is 400 `Invalid Auth Method. 'Token' authentication required.`; a key that is not live is 403 `Invalid API key.`",
        });
        document.AddComponent(OperatorScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The operator token (`HiveOrleans:AdminToken`; in embedded mode without one, made on first start and kept in `data/admin-token`): " +
                "`authorization: Bearer <token>`. None is 401; a wrong one 403.",
        });
        document.AddComponent(ReviewerTokenScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A reviewer's token, made by the operator (`POST /admin/v1/reviewers`): `authorization: Bearer <token>`. " +
                "None, a wrong one, or a disabled reviewer's is 401.",
        });
        document.AddComponent(ReviewerSessionScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "hive_review_session",
            Description = "The session cookie `POST /review/v1/session` sets (HttpOnly, SameSite=Strict, Path=/review, 12 hours). " +
                "A `POST`, `PATCH` or `DELETE` made with it must also send `x-csrf-token` (the session's `csrf_token`), else 403.",
        });
        TaskSchemas.AddTo(document);
        OperatorSchemas.AddTo(document);
        ModelSchemas.AddTo(document);
        BatchSchemas.AddTo(document);
        RerunSchemas.AddTo(document);
        ReviewSchemas.AddTo(document);
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Tags = new HashSet<OpenApiTagReference> { new(TagOf(path), document) };
                if (Operations.TryGetValue($"{method.Method} {path}", out var doc))
                {
                    Describe(document, operation, doc);
                }
            }
        }

        // A reader meets the operations in the catalogue's order (submit, then fetch), not in the order the routes were mapped.
        var ordered = new OpenApiPaths();
        foreach (var (path, item) in document.Paths.OrderBy(p => Rank(p.Key)))
        {
            ordered.Add(path, item);
        }

        document.Paths = ordered;
        return Task.CompletedTask;
    }

    private static int Rank(string path)
    {
        var index = Array.FindIndex(Catalogue, c => c.Route.AsSpan(c.Route.IndexOf(' ', StringComparison.Ordinal) + 1).SequenceEqual(path));
        return index < 0 ? int.MaxValue : index;
    }

    private static string TagOf(string path) =>
        path.StartsWith("/admin/v1/banks", StringComparison.Ordinal) ? "Hash banks"
        : path.StartsWith("/admin/v1/models", StringComparison.Ordinal) ? "Visual models"
        : path.StartsWith("/admin/v1/reruns", StringComparison.Ordinal) || path.EndsWith("/rerun", StringComparison.Ordinal) ? "Reruns"
        : path.StartsWith("/admin/v1/reviewers", StringComparison.Ordinal) || path.StartsWith("/admin/v1/audit", StringComparison.Ordinal) ? "Reviewers"
        : path.StartsWith("/review/", StringComparison.Ordinal) ? "Reviewer API"
        : path.StartsWith("/admin/", StringComparison.Ordinal) ? "Operator"
        : path.StartsWith("/api/", StringComparison.Ordinal) ? "Tasks"
        : "Health";

    private static void Describe(OpenApiDocument document, OpenApiOperation operation, OperationDoc doc)
    {
        operation.Summary = doc.Summary;
        operation.Description = doc.Description;
        operation.Security = doc.Caller switch
        {
            Caller.Project => [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ProjectKeyScheme, document)] = [] }],
            Caller.Operator => [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorScheme, document)] = [] }],
            Caller.Reviewer =>
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ReviewerTokenScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ReviewerSessionScheme, document)] = [] },
            ],
            _ => [],
        };
        DescribeParameters(operation, doc.Parameters);
        operation.RequestBody = doc.TaskBody ? TaskBody(document)
            : doc.BatchBody ? BatchBody(document)
            : doc.JsonBody is { } schema ? JsonBody(document, schema, doc.JsonExample)
            : operation.RequestBody;
        operation.Responses = Responses(document, doc);
    }

    private static void DescribeParameters(OpenApiOperation operation, IReadOnlyList<ParameterDoc> parameters)
    {
        operation.Parameters ??= [];
        foreach (var parameter in parameters)
        {
            var example = parameter.Example is null ? null
                : parameter.Type == JsonSchemaType.String ? JsonValue.Create(parameter.Example) : JsonNode.Parse(parameter.Example);
            if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == parameter.Name && p.In == parameter.In) is { } existing)
            {
                existing.Description = parameter.Description;
                existing.Example = example;
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Description = parameter.Description,
                Required = parameter.Required,
                Schema = new OpenApiSchema { Type = parameter.Type, Format = parameter.Format },
                Example = example,
            });
        }
    }

    private static OpenApiRequestBody TaskBody(OpenApiDocument document) => new()
    {
        Required = true,
        Description = "Exactly one of `text_data`, `media` (multipart only) or `url`; the same field names in every content type.",
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchemaReference("TaskUpload", document),
                Example = JsonNode.Parse("""{"text_data": "I will find you and kill you, you worthless idiot", "metadata": "post-1234"}"""),
            },
            ["application/json"] = new()
            {
                Schema = new OpenApiSchemaReference("TaskSubmission", document),
                Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal)
                {
                    ["text"] = new OpenApiExample { Summary = "Text, with a callback and an idempotency key", Value = JsonNode.Parse(Examples.JsonSubmission) },
                    ["url"] = new OpenApiExample { Summary = "Media by URL (visual projects)", Value = JsonNode.Parse(Examples.UrlSubmission) },
                },
            },
            ["application/x-www-form-urlencoded"] = new()
            {
                Schema = new OpenApiSchemaReference("TaskSubmission", document),
                Example = JsonNode.Parse("""{"text_data": "Buy now!!! 50% off", "callback_url": "https://your.service/hive-callback"}"""),
            },
        },
    };

    private static OpenApiRequestBody BatchBody(OpenApiDocument document) => new()
    {
        Required = true,
        Description = "A JSON array of up to 1,000 items, or NDJSON: one item (a JSON object) per line, up to 100,000 lines; blank lines are skipped.",
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchemaReference("BatchItems", document),
                Example = JsonNode.Parse(BatchSchemas.JsonItemsExample),
            },
            ["application/x-ndjson"] = new()
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One JSON object per line, each a `TaskSubmission` without `media`." },
                Example = JsonValue.Create(BatchSchemas.NdjsonExample),
            },
        },
    };

    private static OpenApiRequestBody JsonBody(OpenApiDocument document, string schema, string? example) => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchemaReference(schema, document),
                Example = example is null ? null : JsonNode.Parse(example),
            },
        },
    };

    private static OpenApiResponses Responses(OpenApiDocument document, OperationDoc doc)
    {
        var reply = doc.Reply;
        var success = new OpenApiResponse { Description = reply.Description };
        if (reply.Schema is not null || reply.Example is not null)
        {
            var eventStream = reply.ContentType == "text/event-stream";
            success.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [reply.ContentType] = new()
                {
                    Schema = reply.Schema is { } schema ? new OpenApiSchemaReference(schema, document) : new OpenApiSchema { Type = eventStream ? JsonSchemaType.String : JsonSchemaType.Object },
                    Example = reply.Example is not { } example ? null : eventStream ? JsonValue.Create(example) : JsonNode.Parse(example),
                },
            };
        }

        var responses = new OpenApiResponses { [reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = success };
        foreach (var group in doc.Failures.GroupBy(f => f.Status).OrderBy(g => g.Key))
        {
            responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ErrorResponse(document, [.. group]);
        }

        return responses;
    }

    private static OpenApiResponse ErrorResponse(OpenApiDocument document, Failure[] failures)
    {
        var response = new OpenApiResponse
        {
            Description = failures.Length == 1 ? failures[0].When : string.Join('\n', failures.Select(f => "- " + f.When)),
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchemaReference("Error", document),
                    Examples = failures.Select((f, i) => (f, i)).ToDictionary(
                        x => $"{x.f.Status}-{x.i + 1}",
                        x => (IOpenApiExample)new OpenApiExample { Summary = x.f.When, Value = ErrorBody(x.f) },
                        StringComparer.Ordinal),
                },
            },
        };
        if (failures.Any(f => f.RetryAfter))
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    private static JsonObject ErrorBody(Failure failure)
    {
        var body = new JsonObject { ["return_code"] = failure.Status, ["message"] = failure.Message };
        if (failure.TaskId)
        {
            body["task_id"] = Examples.TaskId;
        }

        if (failure.Reason is { } reason)
        {
            body["reason"] = reason;
        }

        return body;
    }
}
