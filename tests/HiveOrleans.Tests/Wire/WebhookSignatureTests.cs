using System.Text;
using HiveOrleans.Wire;

namespace HiveOrleans.Tests.Wire;

public sealed class WebhookSignatureTests
{
    // The example from the Standard Webhooks specification: any conforming receiver library checks exactly this.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);

    [Fact]
    public void Signing_matches_the_standard_webhooks_example()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign([SpecSecret], SpecId, SpecTimestamp, SpecBody));
    }

    [Fact]
    public void A_signature_verifies_and_any_change_to_id_time_body_or_secret_fails()
    {
        var signature = WebhookSignature.Sign([SpecSecret], SpecId, SpecTimestamp, SpecBody);
        var stamp = SpecTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signature, SpecBody, SpecTime));
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId + "x", stamp, signature, SpecBody, SpecTime));
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId, (SpecTimestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, SpecBody, SpecTime));
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signature, Encoding.UTF8.GetBytes("{\"test\": 2432232315}"), SpecTime));
        Assert.False(WebhookSignature.VerifySignature("whsec_" + Convert.ToBase64String(new byte[32]), SpecId, stamp, signature, SpecBody, SpecTime));
    }

    [Fact]
    public void A_timestamp_outside_the_tolerance_fails_either_way()
    {
        var signature = WebhookSignature.Sign([SpecSecret], SpecId, SpecTimestamp, SpecBody);
        var stamp = SpecTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signature, SpecBody, SpecTime.AddMinutes(4)));
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signature, SpecBody, SpecTime.AddMinutes(6)));
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signature, SpecBody, SpecTime.AddMinutes(-6)));
    }

    [Fact]
    public void With_two_secrets_either_one_verifies()
    {
        var next = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var signatures = WebhookSignature.Sign([next, SpecSecret], SpecId, SpecTimestamp, SpecBody);
        var stamp = SpecTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(2, signatures.Split(' ').Length);
        Assert.True(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signatures, SpecBody, SpecTime));
        Assert.True(WebhookSignature.VerifySignature(next, SpecId, stamp, signatures, SpecBody, SpecTime));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v2,abc")]
    [InlineData("v1,not-base64!")]
    public void Missing_or_malformed_signatures_fail(string? signatures)
    {
        var stamp = SpecTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(WebhookSignature.VerifySignature(SpecSecret, SpecId, stamp, signatures, SpecBody, SpecTime));
    }
}
