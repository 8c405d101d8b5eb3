using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Commands;

/// <summary>GET /v1/certificates: signing certificates (nonRepudiation + key on the card) on every present token.</summary>
public sealed class CertificatesHandler(ModuleProvider modules, IOptions<BridgeOptions> options)
{
    public async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        using var gate = await CardGate.EnterAsync(options.Value.CardWaitTimeout, cancellationToken);
        if (gate is null)
        {
            return BridgeJson.Error(BridgeErrors.Busy());
        }

        var module = modules.Resolve();
        if (!module.IsSuccess)
        {
            return BridgeJson.Error(module.Error!);
        }

        try
        {
            if (TokenObjects.UsableTokens(module.Value).Count == 0)
            {
                return BridgeJson.Error(BridgeErrors.TokenAbsent());
            }

            var entries = CertificateCatalog.List(module.Value).Select(Entry).ToList();
            return Results.Json(new CertificatesResponse(entries), BridgeJson.Options);
        }
        catch (Pkcs11Exception e)
        {
            return BridgeJson.Error(CardErrorMapper.Map(e, null, options.Value.PinTryLimit));
        }
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
