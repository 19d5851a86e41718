using System.Globalization;
using System.Text.Json;
using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Banks;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// The operator API for PDQ hash banks, under <c>/admin/v1/banks</c> and the operator token. It reads and writes JSON
/// shapes only; what a valid bank, hash, label or content id is, is the bank grain's rule.
/// </summary>
internal static class BankAdminApi
{
    private const int DefaultPageSize = 100;

    /// <summary>Maps the bank endpoints on <paramref name="admin"/>, the operator API's group, so its token check applies.</summary>
    public static IEndpointRouteBuilder MapBankAdminApi(this IEndpointRouteBuilder admin)
    {
        // A bank's refusals (HashBankRequestException) are answered by ApiErrorHandling with the status of their kind.
        var banks = admin.MapGroup("/banks");
        banks.MapPost("", CreateBankAsync).WithName("CreateBank");
        banks.MapGet("", ListBanksAsync).WithName("ListBanks");
        banks.MapGet("/{name}", GetBankAsync).WithName("GetBank");
        banks.MapPatch("/{name}", UpdateBankAsync).WithName("UpdateBank");
        banks.MapDelete("/{name}", DeleteBankAsync).WithName("DeleteBank");
        banks.MapPost("/{name}/hashes", AddHashesAsync).WithName("AddBankHashes");
        banks.MapPost("/{name}/hashes/remove", RemoveHashesAsync).WithName("RemoveBankHashes");
        banks.MapGet("/{name}/hashes", ListHashesAsync).WithName("ListBankHashes");
        return admin;
    }

    private static async Task<IResult> CreateBankAsync(HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var name = RequiredString(root, "name", "'name' is required: the bank's name (a–z, 0–9, '_' and '-').");
        var description = OptionalString(root, "description");
        var matchTransforms = JsonFields.Boolean(root, "match_transforms");
        var bank = await Bank(grains, name).CreateAsync(description, matchTransforms, context.RequestAborted);
        context.Response.Headers.Location = $"/admin/v1/banks/{bank.Name}";
        return WireJsonResult.Created(BankDocument.From(bank), WireJson.Context.BankDocument);
    }

    private static async Task<IResult> ListBanksAsync(HttpContext context, IGrainFactory grains)
    {
        var banks = await grains.GetGrain<IHashBankCatalogGrain>(0).ListAsync(context.RequestAborted);
        return WireJsonResult.Ok(BankListDocument.From(banks), WireJson.Context.BankListDocument);
    }

    private static async Task<IResult> GetBankAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var bank = await Bank(grains, name).GetAsync(context.RequestAborted)
            ?? throw new ApiException(StatusCodes.Status404NotFound, $"Bank '{name}' not found.");
        return WireJsonResult.Ok(BankDocument.From(bank), WireJson.Context.BankDocument);
    }

    private static async Task<IResult> UpdateBankAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var description = OptionalString(root, "description");
        var matchTransforms = JsonFields.Boolean(root, "match_transforms");
        var updated = await Bank(grains, name).UpdateAsync(description, matchTransforms, context.RequestAborted);
        return WireJsonResult.Ok(new BankUpdatedDocument(BankDocument.From(updated.Bank), updated.Seq), WireJson.Context.BankUpdatedDocument);
    }

    private static async Task<IResult> DeleteBankAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var seq = await Bank(grains, name).DeleteAsync(context.RequestAborted);
        return WireJsonResult.Ok(new BankDeletedDocument(name, Deleted: true, seq), WireJson.Context.BankDeletedDocument);
    }

    private static async Task<IResult> AddHashesAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var items = RequiredArray(root, "hashes", "'hashes' is required: an array of {\"content_id\", \"hash\", \"label\"}.");
        var hashes = new List<BankHash>(items.GetArrayLength());
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"hashes[{i}] must be an object {{\"content_id\", \"hash\", \"label\"}}.");
            }

            hashes.Add(new BankHash
            {
                ContentId = RequiredString(item, "content_id", $"hashes[{i}].content_id is required: a string.", $"hashes[{i}].content_id"),
                Hash = RequiredString(item, "hash", $"hashes[{i}].hash is required: 64 hex digits.", $"hashes[{i}].hash"),
                Label = RequiredString(item, "label", $"hashes[{i}].label is required: a string such as \"csam\".", $"hashes[{i}].label"),
            });
            i++;
        }

        var added = await Bank(grains, name).AddHashesAsync(hashes, context.RequestAborted);
        return WireJsonResult.Ok(HashesAddedDocument.From(name, added), WireJson.Context.HashesAddedDocument);
    }

    private static async Task<IResult> RemoveHashesAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var items = RequiredArray(root, "content_ids", "'content_ids' is required: an array of content ids.");
        var contentIds = new List<string>(items.GetArrayLength());
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            contentIds.Add(item.ValueKind == JsonValueKind.String
                ? JsonFields.Text(item, $"content_ids[{i}]")
                : throw ApiException.BadRequest($"content_ids[{i}] must be a string."));
            i++;
        }

        var removed = await Bank(grains, name).RemoveHashesAsync(contentIds, context.RequestAborted);
        return WireJsonResult.Ok(HashesRemovedDocument.From(name, removed), WireJson.Context.HashesRemovedDocument);
    }

    private static async Task<IResult> ListHashesAsync(string name, HttpContext context, IGrainFactory grains)
    {
        var offset = QueryInt(context.Request, "offset") ?? 0;
        var limit = QueryInt(context.Request, "limit") ?? DefaultPageSize;
        var page = await Bank(grains, name).ListHashesAsync(offset, limit, context.RequestAborted);
        return WireJsonResult.Ok(HashPageDocument.From(name, limit, page), WireJson.Context.HashPageDocument);
    }

    private static IHashBankGrain Bank(IGrainFactory grains, string name) => grains.GetGrain<IHashBankGrain>(HashBankKeys.GrainKey(name));

    private static Task<JsonElement> ReadObjectAsync(HttpContext context) =>
        JsonFields.ReadRequestObjectAsync(context.Request, "request", context.RequestAborted);

    private static JsonElement RequiredArray(JsonElement root, string property, string message)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest(message);
        }

        // Refused before thousands of entries are read into objects only for the grain to refuse them.
        var count = array.GetArrayLength();
        return count <= HashBankLimits.MaxBatch
            ? array
            : throw ApiException.BadRequest($"'{property}' must hold 1 to {HashBankLimits.MaxBatch:N0} entries; got {count:N0}.");
    }

    private static string RequiredString(JsonElement root, string property, string message, string? path = null) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? JsonFields.Text(value, path ?? property)
            : throw ApiException.BadRequest(message);

    private static string? OptionalString(JsonElement root, string property) => JsonFields.String(root, property);

    private static int? QueryInt(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"'{name}' must be a whole number of 0 or more.");
    }
}
