using System.Security.Cryptography;
using Mys.Signing.Signatures.Cms;

namespace Mys.Signing.Signatures.Tests.Cms;

/// <summary>
/// The managed PKCS#1 v1.5 verification (issue 21: no OpenSSL key import per certificate) decides exactly as OpenSSL
/// does, and leaves to OpenSSL what it does not handle.
/// </summary>
public sealed class RsaPkcs1VerifierTests
{
    public static TheoryData<int, string> Keys() => new()
    {
        { 2048, "SHA256" }, { 2048, "SHA1" }, { 3072, "SHA384" }, { 4096, "SHA512" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void It_agrees_with_OpenSSL_on_valid_and_altered_signatures(int bits, string hashName)
    {
        using var rsa = RSA.Create(bits);
        var key = rsa.ExportParameters(false);
        var hash = new HashAlgorithmName(hashName);
        var random = new Random(bits);
        for (var round = 0; round < 8; round++)
        {
            var digest = RandomBytes(random, DigestLength(hash));
            var signature = rsa.SignHash(digest, hash, RSASignaturePadding.Pkcs1);
            var flippedSignature = (byte[])signature.Clone();
            flippedSignature[random.Next(signature.Length)] ^= (byte)(1 << random.Next(8));
            var flippedDigest = (byte[])digest.Clone();
            flippedDigest[random.Next(digest.Length)] ^= 0x80;

            foreach (var (d, s, valid) in new[] { (digest, signature, true), (digest, flippedSignature, false), (flippedDigest, signature, false) })
            {
                RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, hash, d, s).ShouldBe(valid);
                rsa.VerifyHash(d, s, hash, RSASignaturePadding.Pkcs1).ShouldBe(valid);
            }
        }
    }

    [Fact]
    public void A_PSS_signature_or_one_over_another_digest_algorithm_does_not_verify()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportParameters(false);
        var digest = SHA256.HashData("ÖEB 2026/000001"u8);

        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.SHA256, digest, rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))
            .ShouldBe(false);
        var sha384 = SHA384.HashData("ÖEB 2026/000001"u8);
        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.SHA384, sha384, rsa.SignHash(sha384, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1))
            .ShouldBe(true);
        // The same 48 bytes signed as SHA-384 do not verify when the DigestInfo must say SHA-512 (length differs: not decided here).
        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.SHA512, sha384, rsa.SignHash(sha384, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1))
            .ShouldBeNull();
    }

    [Fact]
    public void A_signature_not_below_the_modulus_fails_and_what_it_does_not_handle_is_left_to_OpenSSL()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportParameters(false);
        var digest = SHA256.HashData("x"u8);
        var signature = rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.SHA256, digest, key.Modulus).ShouldBe(false);
        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.SHA256, digest, signature.AsSpan(1)).ShouldBeNull();
        RsaPkcs1Verifier.Verify(key.Modulus, key.Exponent, HashAlgorithmName.MD5, new byte[16], signature).ShouldBeNull();
        var even = (byte[])key.Modulus!.Clone();
        even[^1] &= 0xFE;
        RsaPkcs1Verifier.Verify(even, key.Exponent, HashAlgorithmName.SHA256, digest, signature).ShouldBeNull();
        RsaPkcs1Verifier.Verify(key.Modulus, [1, 0, 0, 0, 0, 0, 0, 0, 1], HashAlgorithmName.SHA256, digest, signature).ShouldBeNull();
    }

    private static int DigestLength(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA1 ? 20 : hash == HashAlgorithmName.SHA256 ? 32 : hash == HashAlgorithmName.SHA384 ? 48 : 64;

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
