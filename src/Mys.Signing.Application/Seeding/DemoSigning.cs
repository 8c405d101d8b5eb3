using System.Security.Cryptography;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Seeding;

/// <summary>How the demo signers sign (the normal order, or a wrong one a test needs to see refused).</summary>
public enum DemoSigningOrder
{
    /// <summary>Realization officer, then spending authority.</summary>
    Normal,

    /// <summary>The spending authority's field is signed first, then the realization officer's.</summary>
    SpendingAuthorityFirst,
}

/// <summary>
/// Signs an ÖEB awaiting the realization officer with the dev PKI's keys (<see cref="IDemoSignerKeys"/>), without the bridge: renders it through the
/// same mapping as the signing flow, signs both fields (PAdES B-T, dev TSA in-process), stores every revision in the
/// attachment store, records the signed document row and runs the domain transitions up to "sent to accounting".
/// For the demo data and the tests only; production signatures come from the signers' cards.
/// </summary>
public sealed class DemoSigning(MysDbContext db, IAttachmentStore store, IDemoSignerKeys keys, TimeProvider clock)
{
    /// <summary>The revisions produced, oldest first (rendered, first signature, second signature).</summary>
    public sealed record Result(SignedPaymentOrderDocument Document, IReadOnlyList<byte[]> Revisions);

    public async Task<Result> SignAndSendAsync(PaymentOrder order, Guid realizationUserId, Guid spendingAuthorityUserId, string publicBaseUrl,
        DemoSigningOrder signingOrder = DemoSigningOrder.Normal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (catalog, code, rendered, renderedSha) = await RenderAsync(order, publicBaseUrl, ct);
        var pades = new PadesService(keys.TimeStamps, clock);
        var realization = keys.For(Role.RealizationOfficer);
        var spending = keys.For(Role.SpendingAuthority);
        var (firstField, firstSigner, secondField, secondSigner) = signingOrder == DemoSigningOrder.Normal
            ? (SignerFields.RealizationOfficer, realization, SignerFields.SpendingAuthority, spending)
            : (SignerFields.SpendingAuthority, spending, SignerFields.RealizationOfficer, realization);
        var first = await SignAsync(pades, rendered, firstField, firstSigner, ct);
        var second = await SignAsync(pades, first, secondField, secondSigner, ct);
        var firstSha = await StoreAsync(first, ct);
        var secondSha = await StoreAsync(second, ct);

        var context = RuleContext.Create(catalog, await StoredContractHistory.PreloadAsync(db, order, ct), RuleOptions.Default, clock);
        var now = clock.GetUtcNow();
        Require(order.RecordRealizationSignature(new Actor(realizationUserId, Role.RealizationOfficer), now, firstSha, PaymentOrderRuleSet.Default, context));
        Require(order.RecordSpendingAuthoritySignature(new Actor(spendingAuthorityUserId, Role.SpendingAuthority), now, secondSha, PaymentOrderRuleSet.Default, context));
        var document = SignedPaymentOrderDocument.Rendered(order.Id, code, renderedSha, now);
        document.RecordSigned(SignerStep.Realization, firstSha, now);
        document.RecordSigned(SignerStep.SpendingAuthority, secondSha, now);
        db.SignedPaymentOrderDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return new Result(document, [rendered, first, second]);
    }

    /// <summary>
    /// Only the realization officer's signature: the ÖEB then waits in the spending authority's queue, exactly as the
    /// signing flow leaves it after the first signer.
    /// </summary>
    public async Task SignAsRealizationOfficerAsync(PaymentOrder order, Guid realizationUserId, string publicBaseUrl, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (catalog, code, rendered, renderedSha) = await RenderAsync(order, publicBaseUrl, ct);
        var first = await SignAsync(new PadesService(keys.TimeStamps, clock), rendered, SignerFields.RealizationOfficer, keys.For(Role.RealizationOfficer), ct);
        var firstSha = await StoreAsync(first, ct);
        var context = RuleContext.Create(catalog, await StoredContractHistory.PreloadAsync(db, order, ct), RuleOptions.Default, clock);
        var now = clock.GetUtcNow();
        Require(order.RecordRealizationSignature(new Actor(realizationUserId, Role.RealizationOfficer), now, firstSha, PaymentOrderRuleSet.Default, context));
        var document = SignedPaymentOrderDocument.Rendered(order.Id, code, renderedSha, now);
        document.RecordSigned(SignerStep.Realization, firstSha, now);
        db.SignedPaymentOrderDocuments.Add(document);
        await db.SaveChangesAsync(ct);
    }

    private async Task<(Domain.Catalog.DocumentCatalog Catalog, string Code, byte[] Rendered, string RenderedSha)> RenderAsync(PaymentOrder order, string publicBaseUrl, CancellationToken ct)
    {
        var catalog = await DocumentCatalogLoader.LoadAsync(db, ct);
        var code = VerificationCode.New();
        await DemoEInvoices.StoreAsync(db, store, order, ct);
        var files = await new AttachmentFiles(db, store).CurrentAsync(order, ct);
        await AttachmentFiles.StoreRenderedAsync(store, files, ct);
        var model = await PaymentOrderPrinting.BuildAsync(order, db, catalog, files, code, $"{publicBaseUrl.TrimEnd('/')}/dogrula/{code}", ct);
        var rendered = PaymentOrderRenderer.Render(model);
        return (catalog, code, rendered, await StoreAsync(rendered, ct));
    }

    /// <summary>Stores a PDF revision and returns its SHA-256 (lower-case hex).</summary>
    public async Task<string> StoreAsync(byte[] pdf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var stream = new MemoryStream(pdf, writable: false);
        var stored = await store.SaveAsync(stream, ContentKind.Pdf, long.MaxValue, ct);
        return stored.IsSuccess ? stored.Value.Sha256 : throw new InvalidOperationException("Demo PDF could not be stored: " + stored.Error);
    }

    private static async Task<byte[]> SignAsync(PadesService pades, byte[] pdf, string field, DemoSignerKey signer, CancellationToken ct)
    {
        var prepared = Success(pades.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, signer.Chain)
        {
            SignerName = signer.Name,
            Reason = "Ödeme emri belgesi onayı",
            AppearanceTime = TurkeyTime.Stamp,
        }));
        return Success(await pades.CompleteAsync(prepared, signer.SignDigest(prepared.DataToSign, HashAlgorithmName.SHA256), ct)).Pdf;
    }

    private static T Success<T>(SignatureResult<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo signing failed: {result.Error}");

    private static void Require(RuleReport report)
    {
        if (!report.IsSatisfied)
        {
            throw new InvalidOperationException("Demo ÖEB could not be signed: " + string.Join("; ", report.Violations));
        }
    }
}
