using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Pkcs11;
using Net.Pkcs11Interop.Common;
using Pkcs11Exception = Mys.Signing.Bridge.Pkcs11.Pkcs11Exception;

namespace Mys.Signing.Bridge.Tests.Card;

public sealed class PureCardRulesTests
{
    private const ulong CountLow = 0x10000;
    private const ulong FinalTry = 0x20000;
    private const ulong Locked = 0x40000;

    [Theory]
    [InlineData(0UL, 3, null)]
    [InlineData(CountLow, 3, 2)]
    [InlineData(CountLow, 5, null)]
    [InlineData(CountLow | FinalTry, 3, 1)]
    [InlineData(Locked, 3, 0)]
    public void Pin_tries_come_from_token_flags(ulong flags, int limit, int? expected) =>
        PinTries.Remaining(Token(flags), limit).ShouldBe(expected);

    [Theory]
    [InlineData(CKR.CKR_PIN_INCORRECT, "AGENT_PIN_INCORRECT")]
    [InlineData(CKR.CKR_PIN_LOCKED, "AGENT_PIN_LOCKED")]
    [InlineData(CKR.CKR_PIN_LEN_RANGE, "AGENT_PIN_INVALID")]
    [InlineData(CKR.CKR_PIN_EXPIRED, "AGENT_PIN_EXPIRED")]
    [InlineData(CKR.CKR_TOKEN_NOT_PRESENT, "AGENT_TOKEN_ABSENT")]
    [InlineData(CKR.CKR_DEVICE_REMOVED, "AGENT_TOKEN_ABSENT")]
    [InlineData(CKR.CKR_SESSION_HANDLE_INVALID, "AGENT_SESSION_LOST")]
    [InlineData(CKR.CKR_SESSION_CLOSED, "AGENT_SESSION_LOST")]
    [InlineData(CKR.CKR_DEVICE_ERROR, "AGENT_CARD_ERROR")]
    public void Card_return_values_map_to_stable_codes(CKR returnValue, string code) =>
        CardErrorMapper.Map(new Pkcs11Exception("C_Test", returnValue), null, 3).Code.ShouldBe(code);

    [Fact]
    public void Wrong_pin_that_locked_the_card_is_reported_as_locked() =>
        CardErrorMapper.Map(new Pkcs11Exception("C_Login", CKR.CKR_PIN_INCORRECT), Token(Locked), 3).Code.ShouldBe("AGENT_PIN_LOCKED");

    [Fact]
    public void Wrong_pin_on_final_try_warns_in_turkish()
    {
        var error = CardErrorMapper.Map(new Pkcs11Exception("C_Login", CKR.CKR_PIN_INCORRECT), Token(CountLow | FinalTry), 3);

        error.TriesRemaining.ShouldBe(1);
        error.NextStep.ShouldContain("kilitlenir");
    }

    [Theory]
    [InlineData("SHA-256", 32)]
    [InlineData("sha256", 32)]
    [InlineData("SHA-384", 48)]
    public void Digest_algorithms_parse_by_name(string name, int length) =>
        DigestAlgorithm.Parse(name)!.Length.ShouldBe(length);

    [Theory]
    [InlineData("SHA-1")]
    [InlineData("MD5")]
    [InlineData("")]
    [InlineData(null)]
    public void Weak_or_unknown_digest_algorithms_are_refused(string? name) =>
        DigestAlgorithm.Parse(name).ShouldBeNull();

    [Fact]
    public void Digest_info_is_the_der_prefix_followed_by_the_digest()
    {
        var digest = new byte[48];

        var info = DigestAlgorithm.Sha384.DigestInfo(digest);

        info.Length.ShouldBe(19 + 48);
        Convert.ToHexString(info.AsSpan(0, 19)).ShouldBe("3041300D060960864801650304020205000430");
    }

    private static TokenInfo Token(ulong flags) => new(0, "T", "M", "Model", "1", flags);
}
