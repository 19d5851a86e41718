using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextPiiTests
{
    private readonly TextEngine _engine = new();

    [Fact]
    public void Email_address_is_found_with_its_span()
    {
        const string text = "Write to jane.doe+news@example.co.uk today.";

        var entity = Assert.Single(_engine.Moderate(text).PiiEntities);

        Assert.Equal("email", entity.Type);
        Assert.Equal("jane.doe+news@example.co.uk", text[entity.StartIndex..entity.EndIndex]);
        Assert.Equal(entity.Value, text[entity.StartIndex..entity.EndIndex]);
    }

    [Theory]
    [InlineData("call +1 555 123 4567 now", "+1 555 123 4567")]
    [InlineData("call +44 20 7946 0958 now", "+44 20 7946 0958")]
    [InlineData("call (555) 123-4567 now", "(555) 123-4567")]
    [InlineData("call 555-123-4567 now", "555-123-4567")]
    [InlineData("call 555.123.4567 now", "555.123.4567")]
    [InlineData("call 020 7946 0958 now", "020 7946 0958")]
    [InlineData("call 06 12 34 56 78 now", "06 12 34 56 78")]
    [InlineData("call 555-0123 now", "555-0123")]
    [InlineData("call 5551234567 now", "5551234567")]
    public void Phone_numbers_are_found_in_common_formats(string text, string expected)
    {
        var entity = Assert.Single(_engine.Moderate(text).PiiEntities);

        Assert.Equal("phone_number", entity.Type);
        Assert.Equal(expected, entity.Value);
        Assert.Equal(expected, text[entity.StartIndex..entity.EndIndex]);
    }

    [Theory]
    [InlineData("It happened in 2024 and again in 1999.")]
    [InlineData("Order 12345 shipped, 3 items.")]
    [InlineData("Released on 2024-01-15 as version 1.2.3")]
    [InlineData("The total was 1,250,000 dollars")]
    [InlineData("Timestamp 1700000000 recorded")]
    public void Years_dates_and_short_numbers_are_not_phone_numbers(string text)
    {
        Assert.Empty(_engine.Moderate(text).PiiEntities);
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111")]
    [InlineData("card 4111-1111-1111-1111", "4111-1111-1111-1111")]
    [InlineData("card 4111111111111111", "4111111111111111")]
    [InlineData("amex 3782 822463 10005", "3782 822463 10005")]
    public void Card_numbers_passing_luhn_are_found(string text, string expected)
    {
        var entity = Assert.Single(_engine.Moderate(text).PiiEntities);

        Assert.Equal("credit_card", entity.Type);
        Assert.Equal(expected, entity.Value);
        Assert.Equal(expected, text[entity.StartIndex..entity.EndIndex]);
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112")]
    [InlineData("card 1234567812345678")]
    public void Card_numbers_failing_luhn_are_not_reported(string text)
    {
        Assert.DoesNotContain(_engine.Moderate(text).PiiEntities, entity => entity.Type == "credit_card");
    }

    [Fact]
    public void Ssn_and_ip_address_are_found()
    {
        const string text = "SSN 123-45-6789, server at 192.168.1.10.";

        var entities = _engine.Moderate(text).PiiEntities;

        Assert.Collection(
            entities,
            ssn =>
            {
                Assert.Equal("us_ssn", ssn.Type);
                Assert.Equal("123-45-6789", ssn.Value);
            },
            ip =>
            {
                Assert.Equal("ip_address", ip.Type);
                Assert.Equal("192.168.1.10", ip.Value);
            });
    }

    [Theory]
    [InlineData("SSN 000-12-3456", "us_ssn")]
    [InlineData("SSN 666-12-3456", "us_ssn")]
    [InlineData("SSN 123-00-4567", "us_ssn")]
    [InlineData("IP 256.1.1.1", "ip_address")]
    public void Numbers_the_ssn_and_ip_rules_exclude_are_not_reported_as_such(string text, string type)
    {
        Assert.DoesNotContain(_engine.Moderate(text).PiiEntities, entity => entity.Type == type);
    }

    [Fact]
    public void Several_kinds_come_back_in_text_order()
    {
        const string text = "Mail a@b.io, call +1 555 123 4567, pay with 4111 1111 1111 1111.";

        var types = _engine.Moderate(text).PiiEntities.Select(entity => entity.Type);

        Assert.Equal(["email", "phone_number", "credit_card"], types);
    }
}
