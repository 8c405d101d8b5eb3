using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Commands;

/// <summary>GET /v1/certificates: signing certificates (nonRepudiation + key on the card) on every present token.</summary>
public sealed class CertificatesHandler(ModuleProvider modules)
{
    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var listed = await modules.UseCardAsync(module => TokenObjects.UsableTokens(module).Count == 0
            ? BridgeErrors.TokenAbsent()
            : BridgeResult<IReadOnlyList<CardCertificate>>.Success(CertificateCatalog.List(module)), cancellationToken);
        return listed.IsSuccess
            ? Results.Json(new CertificatesResponse(listed.Value.Select(Entry).ToList()), BridgeJson.Options)
            : BridgeJson.Error(listed.Error!);
    }

    private static CertificateEntry Entry(CardCertificate certificate)
    {
        var d = certificate.Description;
        return new CertificateEntry(
            Convert.ToBase64String(certificate.Der), d.Subject, d.Tckn, d.Issuer, d.NotBefore, d.NotAfter,
            d.KeyType, d.KeySize, d.Curve,
            new TokenReference(certificate.Token.Label, certificate.Token.SerialNumber),
            certificate.SignatureAlgorithms);
    }
}
