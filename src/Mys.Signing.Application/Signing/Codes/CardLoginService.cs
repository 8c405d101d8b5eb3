using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Signing.Codes;

/// <summary>
/// E-signature login: the card signed SHA-256("MYS-LOGIN-v1\n" + origin + "\n" + nonce). The nonce is burnt first
/// (every attempt uses it up), then the signature, the certificate (the one validator) and the user are checked.
/// The login page decodes the certificate and the signature; null stands for what could not be decoded.
/// </summary>
public sealed class CardLoginService(
    LoginChallengeStore challenges, SigningComponents signing, MysDbContext db, Mys.Signing.Infrastructure.Certificates.CertificateRegister register)
{
    public async Task<Result<MysUser>> VerifyAsync(string? nonce, string origin, X509Certificate2? certificate, byte[]? signature, CancellationToken cancellationToken)
    {
        var consumed = await challenges.ConsumeAsync(nonce ?? string.Empty, origin, cancellationToken);
        if (!consumed.IsSuccess)
        {
            return Result<MysUser>.Failure(consumed.Error!);
        }

        if (certificate is null || signature is null)
        {
            return Result<MysUser>.Failure("CARD_LOGIN_BAD_REQUEST", "Karttan gelen sertifika ya da imza okunamadı.");
        }

        var digest = LoginChallengeStore.ChallengeDigest(origin, nonce!);
        if (!VerifiesDigest(certificate, digest, signature))
        {
            return Result<MysUser>.Failure("SIGNATURE_INVALID", "Kartın imzası bu giriş isteğiyle eşleşmiyor. Sayfayı yenileyip yeniden deneyin.");
        }

        // The signing API's certificate check (the one validator); the TCKN it compares with is the certificate's own.
        var tckn = CertificateProfile.Tckn(new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(certificate.RawData));
        if (await CertificateCheck.CheckAsync(signing, certificate.RawData, tckn ?? string.Empty, cancellationToken) is { } refusal)
        {
            return Result<MysUser>.Failure(refusal.Code, refusal.Message);
        }

        var user = tckn is null ? null : await db.Users.SingleOrDefaultAsync(u => u.UserName == tckn, cancellationToken);
        if (user is null)
        {
            return Result<MysUser>.Failure("USER_UNKNOWN", "Sertifikadaki T.C. kimlik numarasıyla kayıtlı bir kullanıcı yok. Birim yöneticinize başvurun.");
        }

        if (!user.IsActive)
        {
            return Result<MysUser>.Failure("USER_INACTIVE", "Hesabınız pasif durumda. Birim yöneticinize başvurun.");
        }

        await register.RecordAsync(user.Id, certificate.RawData, Domain.Certificates.CertificateSource.ESignatureLogin, cancellationToken);
        return Result<MysUser>.Success(user);
    }

    // The card's value over the digest: RSASSA-PKCS1-v1_5, or ECDSA (the bridge sends r‖s).
    private static bool VerifiesDigest(X509Certificate2 certificate, byte[] digest, byte[] signature)
    {
        try
        {
            return RawSignature.VerifyAndNormalize(certificate.RawData, digest, HashAlgorithmName.SHA256, signature) is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
