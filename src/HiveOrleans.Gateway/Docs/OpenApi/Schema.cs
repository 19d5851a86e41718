using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace HiveOrleans.Gateway.Docs.OpenApi;

/// <summary>Short ways to write the JSON Schemas of the wire shapes, which the gateway writes by hand and so cannot be inferred.</summary>
internal static class Schema
{
    public static OpenApiSchema Object(string description, params (string Name, IOpenApiSchema Schema)[] properties) =>
        new()
        {
            Type = JsonSchemaType.Object,
            Description = Text(description),
            Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
        };

    public static OpenApiSchema NullableObject(string description, params (string Name, IOpenApiSchema Schema)[] properties)
    {
        var schema = Object(description, properties);
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    public static OpenApiSchema Required(this OpenApiSchema schema, params string[] names)
    {
        schema.Required = new HashSet<string>(names, StringComparer.Ordinal);
        return schema;
    }

    public static OpenApiSchema Example(this OpenApiSchema schema, string json)
    {
        schema.Examples = [JsonNode.Parse(json)!];
        return schema;
    }

    public static OpenApiSchema String(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Description = Text(description), Format = format };

    public static OpenApiSchema NullableString(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = Text(description), Format = format };

    public static OpenApiSchema Time(string description, bool nullable = false) =>
        new()
        {
            Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String,
            Format = "date-time",
            Description = Text(description),
        };

    public static OpenApiSchema Enum(string description, params string[] values) =>
        new() { Type = JsonSchemaType.String, Description = Text(description), Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    public static OpenApiSchema Integer(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer, Description = Text(description) };

    public static OpenApiSchema Number(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Number | JsonSchemaType.Null : JsonSchemaType.Number, Description = Text(description) };

    public static OpenApiSchema Boolean(string description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.Boolean | JsonSchemaType.Null : JsonSchemaType.Boolean, Description = Text(description) };

    public static OpenApiSchema Array(IOpenApiSchema items, string description) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = Text(description) };

    /// <summary>An object whose property names are data (class names, labels), each with a value of <paramref name="values"/>.</summary>
    public static OpenApiSchema Map(IOpenApiSchema values, string description) =>
        new() { Type = JsonSchemaType.Object, AdditionalProperties = values, Description = Text(description) };

    /// <summary>Any JSON value: what the caller sent comes back as it was.</summary>
    public static OpenApiSchema Any(string description) => new() { Description = Text(description) };

    /// <summary>A file part of a multipart body.</summary>
    public static OpenApiSchema File(string description) =>
        new() { Type = JsonSchemaType.String, Format = "binary", Description = Text(description) };

    /// <summary>No description rather than an empty one, where the field's name says it all.</summary>
    private static string? Text(string description) => description.Length == 0 ? null : description;
}
