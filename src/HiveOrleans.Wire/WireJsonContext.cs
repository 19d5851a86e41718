using System.Text.Json.Serialization;
using HiveOrleans.Wire.Banks;
using HiveOrleans.Wire.Batches;
using HiveOrleans.Wire.Callbacks;
using HiveOrleans.Wire.Models;
using HiveOrleans.Wire.Projects;
using HiveOrleans.Wire.Quotas;
using HiveOrleans.Wire.Reruns;
using HiveOrleans.Wire.Reviewers;

namespace HiveOrleans.Wire;

/// <summary>
/// The documents written with System.Text.Json's source generator: snake_case names in declaration order, times in
/// the wire format (<see cref="WireTimeConverter"/>), no reflection. Use <see cref="WireJson.Context"/>, which adds the
/// relaxed escaping every answer is written with; <see cref="TaskDocument"/> and <see cref="AcknowledgementDocument"/>
/// are written by hand (see there).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(WireTimeConverter)])]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(RerunDocument))]
[JsonSerializable(typeof(HealthDocument))]
[JsonSerializable(typeof(TaskStatusEventDocument))]
[JsonSerializable(typeof(ResendDocument))]
[JsonSerializable(typeof(BatchDocument))]
[JsonSerializable(typeof(FailingCallbacksDocument))]
[JsonSerializable(typeof(ProjectDocument))]
[JsonSerializable(typeof(ProjectListDocument))]
[JsonSerializable(typeof(KeyRotatedDocument))]
[JsonSerializable(typeof(KeyRevokedDocument))]
[JsonSerializable(typeof(WebhookSecretRotatedDocument))]
[JsonSerializable(typeof(UsageDocument))]
[JsonSerializable(typeof(BankDocument))]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ModelListDocument))]
[JsonSerializable(typeof(ModelDeletedDocument))]
[JsonSerializable(typeof(BankListDocument))]
[JsonSerializable(typeof(BankDeletedDocument))]
[JsonSerializable(typeof(BankUpdatedDocument))]
[JsonSerializable(typeof(HashesAddedDocument))]
[JsonSerializable(typeof(HashesRemovedDocument))]
[JsonSerializable(typeof(HashPageDocument))]
[JsonSerializable(typeof(ReviewerDocument))]
[JsonSerializable(typeof(ReviewerListDocument))]
[JsonSerializable(typeof(ReviewerTokenRotatedDocument))]
[JsonSerializable(typeof(ReviewSessionDocument))]
[JsonSerializable(typeof(ReviewQueueListDocument))]
[JsonSerializable(typeof(ReviewLeaseDocument))]
[JsonSerializable(typeof(ReviewAuditPageDocument))]
[JsonSerializable(typeof(string))]
public sealed partial class WireJsonContext : JsonSerializerContext;
