using System.Globalization;
using System.Text;
using HiveOrleans.Client;
using HiveOrleans.Wire;

namespace HiveOrleans.Tests.Sdk;

/// <summary>The SDK's receiver-side check, against the Standard Webhooks example and the gateway's own signer.</summary>
public sealed class CallbackVerifierTests
{
    // The example from the Standard Webhooks specification.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private static readonly string SpecStamp = SpecTimestamp.ToString(CultureInfo.InvariantCulture);
    private static readonly string NextSecret = "whsec_" + Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    [Fact]
    public void The_standard_webhooks_example_verifies_and_any_change_to_id_time_or_body_fails()
    {
        var verifier = At(SpecTimestamp, SpecSecret);

        Assert.True(verifier.Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
        Assert.False(verifier.Verify(SpecId + "x", SpecStamp, SpecSignature, SpecBody));
        Assert.False(At(SpecTimestamp + 1, SpecSecret).Verify(SpecId, (SpecTimestamp + 1).ToString(CultureInfo.InvariantCulture), SpecSignature, SpecBody));
        Assert.False(verifier.Verify(SpecId, SpecStamp, SpecSignature, Encoding.UTF8.GetBytes("{\"test\": 2432232315}")));
        Assert.False(At(SpecTimestamp, NextSecret).Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
    }

    [Fact]
    public void A_timestamp_outside_the_tolerance_fails_either_way_and_the_tolerance_can_be_set()
    {
        Assert.True(At(SpecTimestamp + 4 * 60, SpecSecret).Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
        Assert.False(At(SpecTimestamp + 6 * 60, SpecSecret).Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
        Assert.False(At(SpecTimestamp - 6 * 60, SpecSecret).Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
        var patient = new CallbackVerifier([SpecSecret], TimeSpan.FromMinutes(10), new FixedClock(SpecTimestamp + 6 * 60));
        Assert.True(patient.Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
    }

    [Fact]
    public void During_a_rotation_the_gateways_two_signatures_verify_with_either_secret_alone()
    {
        var signatures = WebhookSignature.Sign([NextSecret, SpecSecret], SpecId, SpecTimestamp, SpecBody);

        Assert.Equal(2, signatures.Split(' ').Length);
        Assert.True(At(SpecTimestamp, SpecSecret).Verify(SpecId, SpecStamp, signatures, SpecBody));
        Assert.True(At(SpecTimestamp, NextSecret).Verify(SpecId, SpecStamp, signatures, SpecBody));
        Assert.False(At(SpecTimestamp, "whsec_" + Convert.ToBase64String(new byte[32])).Verify(SpecId, SpecStamp, signatures, SpecBody));
    }

    [Fact]
    public void A_receiver_holding_both_secrets_accepts_a_message_signed_by_either()
    {
        var both = new CallbackVerifier([SpecSecret, NextSecret], timeProvider: new FixedClock(SpecTimestamp));

        Assert.True(both.Verify(SpecId, SpecStamp, WebhookSignature.Sign([NextSecret], SpecId, SpecTimestamp, SpecBody), SpecBody));
        Assert.True(both.Verify(SpecId, SpecStamp, SpecSignature, SpecBody));
    }

    [Theory]
    [InlineData(SpecId, "1614265330", null)]
    [InlineData(SpecId, "1614265330", "")]
    [InlineData(SpecId, "1614265330", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData(SpecId, "1614265330", "v1,not base64")]
    [InlineData(SpecId, "1614265330", "v1,AAAA")]
    [InlineData(SpecId, null, SpecSignature)]
    [InlineData(SpecId, "-1614265330", SpecSignature)]
    [InlineData(SpecId, "99999999999999999999", SpecSignature)]
    [InlineData(null, "1614265330", SpecSignature)]
    public void Missing_or_malformed_headers_fail_without_throwing(string? id, string? timestamp, string? signature)
    {
        Assert.False(At(SpecTimestamp, SpecSecret).Verify(id, timestamp, signature, SpecBody));
    }

    [Fact]
    public void ReadVerified_refuses_a_bad_signature_with_401_and_a_body_that_is_no_task_with_400()
    {
        var verifier = At(SpecTimestamp, SpecSecret);

        Assert.Equal(401, Assert.Throws<HiveOrleansException>(() => verifier.ReadVerified(SpecId, SpecStamp, SpecSignature, [.. SpecBody, (byte)' '])).ReturnCode);
        Assert.Equal(400, Assert.Throws<HiveOrleansException>(() => verifier.ReadVerified(SpecId, SpecStamp, SpecSignature, SpecBody)).ReturnCode);
    }

    [Fact]
    public void A_secret_that_is_not_whsec_base64_is_refused_when_the_verifier_is_made()
    {
        Assert.Throws<ArgumentException>(() => new CallbackVerifier("whsec_not*base64"));
        Assert.Throws<ArgumentException>(() => new CallbackVerifier(Array.Empty<string>()));
    }

    private static CallbackVerifier At(long unixSeconds, string secret) =>
        new([secret], timeProvider: new FixedClock(unixSeconds));

    /// <summary>A clock stopped at one moment, so a signature's age is what the test says.</summary>
    private sealed class FixedClock(long unixSeconds) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
    }
}
