using System.Text.Json;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Projects;

namespace HiveOrleans.Tests.Wire;

/// <summary>
/// The source-generated documents on their own, outside a gateway: the wire's time format and escaping come from the
/// context, so a document serialised without the gateway's writer (to bytes, to a string) reads the same.
/// </summary>
public sealed class WireJsonContextTests
{
    [Fact]
    public void Times_are_written_in_UTC_with_milliseconds_whatever_their_offset_and_null_stays_null()
    {
        var until = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        Assert.Equal(
            """{"project_id":7,"webhook_secret":"whsec_x","previous_valid_until":"2025-01-31T10:00:00.123Z"}""",
            JsonSerializer.Serialize(new WebhookSecretRotatedDocument(7, "whsec_x", until), WireJson.Context.WebhookSecretRotatedDocument));
        Assert.Equal(
            """{"project_id":7,"webhook_secret":"whsec_x","previous_valid_until":null}""",
            JsonSerializer.Serialize(new WebhookSecretRotatedDocument(7, "whsec_x", null), WireJson.Context.WebhookSecretRotatedDocument));
    }

    [Fact]
    public void A_wire_time_reads_back_as_the_instant_it_was_written_from()
    {
        var written = JsonSerializer.Serialize(new WebhookSecretRotatedDocument(1, "s", new DateTimeOffset(2025, 6, 1, 23, 59, 59, 999, TimeSpan.Zero)), WireJson.Context.WebhookSecretRotatedDocument);

        var read = JsonSerializer.Deserialize(written, WireJson.Context.WebhookSecretRotatedDocument)!;

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 23, 59, 59, 999, TimeSpan.Zero), read.PreviousValidUntil);
    }

    [Fact]
    public void Text_stays_readable_and_an_absent_task_id_is_left_out()
    {
        var message = "'name' <b> & \"c\" – café +1";

        Assert.Equal(
            """{"return_code":400,"message":"'name' <b> & \"c\" – café +1"}""",
            JsonSerializer.Serialize(new ErrorDocument(400, message), WireJson.Context.ErrorDocument));
        Assert.Equal(
            """{"return_code":504,"message":"m","task_id":"0197a3c1-0000-7000-8000-000000000001"}""",
            System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(
                new ErrorDocument(504, "m", Guid.Parse("0197a3c1-0000-7000-8000-000000000001")), WireJson.Context.ErrorDocument)));
    }
}
