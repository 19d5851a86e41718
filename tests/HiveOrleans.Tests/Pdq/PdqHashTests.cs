using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Tests.Pdq;

public sealed class PdqHashTests
{
    private const string BridgeHex = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22";

    [Fact]
    public void Hex_round_trips()
    {
        var hash = PdqHash.FromHex(BridgeHex);

        Assert.Equal(BridgeHex, hash.ToHex());
        Assert.Equal(hash, PdqHash.FromHex(BridgeHex.ToUpperInvariant()));
    }

    [Fact]
    public void Bit_zero_is_the_last_hex_digit_and_bit_255_the_first_as_the_reference_prints_them()
    {
        Assert.Equal(new string('0', 63) + "1", new PdqHash(1, 0, 0, 0).ToHex());
        Assert.Equal("8" + new string('0', 63), new PdqHash(0, 0, 0, 1UL << 63).ToHex());
        Assert.True(PdqHash.FromHex("0001" + new string('0', 60)).IsBitSet(240));
    }

    [Theory]
    [InlineData("")]
    [InlineData("f8f8")]
    [InlineData("g8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22")]
    [InlineData("0xf8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22")]
    [InlineData(" f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b2")]
    public void Malformed_hex_is_refused(string hex)
    {
        Assert.Throws<FormatException>(() => PdqHash.FromHex(hex));
    }

    [Fact]
    public void Distance_counts_the_bits_that_differ()
    {
        var hash = PdqHash.FromHex(BridgeHex);
        var flipped = hash with { Word0 = hash.Word0 ^ 0b1011, Word3 = hash.Word3 ^ (1UL << 63) };

        Assert.Equal(0, hash.Distance(hash));
        Assert.Equal(4, hash.Distance(flipped));
        Assert.Equal(256, new PdqHash(0, 0, 0, 0).Distance(new PdqHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)));
    }
}
