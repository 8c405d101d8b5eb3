using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class AttachmentValidationTests(PkiFixture fx)
{
    private static readonly byte[] Invoice = Encoding.UTF8.GetBytes("<Invoice>GIB2026000000123</Invoice>");

    [Fact]
    public async Task Attachments_are_checked_against_the_signed_table()
    {
        var model = DemoPrintModels.PaymentOrder() with
        {
            Attachments = [new("Fatura", "e-Fatura", "fatura.xml", Invoice.Length, Convert.ToHexString(SHA256.HashData(Invoice)))],
        };
        var signed = await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(model), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var validator = Validators.Online(fx);

        var ok = await validator.ValidatePdfAsync(signed.Pdf, Hashes(("fatura.xml", Invoice)));
        ok.Indication.ShouldBe(Indication.TotalPassed, ok.ToJson());
        ok.Attachments.Single().Status.ShouldBe(AttachmentStatus.Match);

        var changed = Invoice.ToArray();
        changed[10] ^= 1;
        var bad = await validator.ValidatePdfAsync(signed.Pdf, Hashes(("fatura.xml", changed), ("ek.pdf", Invoice)));
        bad.Indication.ShouldBe(Indication.TotalFailed);
        bad.SubIndication.ShouldBe(SubIndication.HashFailure);
        bad.Attachments.Select(a => a.Status).ShouldBe([AttachmentStatus.Mismatch, AttachmentStatus.NotListed]);
        bad.ToJson().ShouldContain("\"MISMATCH\"");
    }

    private static Dictionary<string, string> Hashes(params (string Name, byte[] Content)[] files) =>
        files.ToDictionary(f => f.Name, f => Convert.ToHexString(SHA256.HashData(f.Content)), StringComparer.Ordinal);
}
