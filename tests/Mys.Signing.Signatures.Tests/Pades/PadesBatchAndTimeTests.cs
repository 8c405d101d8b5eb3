using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using Xunit.Abstractions;

namespace Mys.Signing.Signatures.Tests.Pades;

[Collection(PkiCollection.Name)]
public sealed class PadesBatchAndTimeTests(PkiFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_for_one_signer_completes_every_document()
    {
        var signer = fx.Pki["ayse"];
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var requests = Enumerable.Range(1, 3).Select(i => new PadesPrepareRequest(
            PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder($"2026/00010{i}")), SignerFields.RealizationOfficer, signer.CertificateDer, chain));
        var prepared = service.PrepareBatch(requests);
        prepared.ShouldAllBe(p => p.IsSuccess);
        prepared.Select(p => Convert.ToBase64String(p.Value.DataToSign)).Distinct().Count().ShouldBe(3);
        foreach (var p in prepared)
        {
            var done = await service.CompleteAsync(p.Value, signer.SignDigest(p.Value.DataToSign, DigestAlgorithm.Sha256.Name()));
            (await Validators.Online(fx).ValidatePdfAsync(done.Value.Pdf)).Indication.ShouldBe(Indication.TotalPassed);
        }
    }

    [Fact]
    public async Task Signing_time_comes_from_the_time_provider_and_a_time_stamp_keeps_a_signature_valid_after_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 15, 9, 30, 0, TimeSpan.Zero));
        var service = new PadesService(null, clock);
        var signer = fx.Pki["ayse"];
        var prepared = service.Prepare(new PadesPrepareRequest(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer,
            signer.CertificateDer, []) { Level = SignatureLevel.BaselineB }).Value;
        prepared.SigningTime.ShouldBe(clock.GetUtcNow());
        Encoding.ASCII.GetString(prepared.Pdf).ShouldContain("/M (D:20270115093000+00'00')");

        var signed = await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer, signer);
        var later = signer.Certificate.NotAfter.AddYears(1);
        var futureValidator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(fx.Http), new FakeTimeProvider(later));
        (await futureValidator.ValidatePdfAsync(signed.Pdf)).Indication.ShouldBe(Indication.TotalPassed);

        var unstamped = await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer, signer,
            SignatureLevel.BaselineB);
        var report = await futureValidator.ValidatePdfAsync(unstamped.Pdf);
        report.Indication.ShouldBe(Indication.Indeterminate);
        report.SubIndication.ShouldBe(SubIndication.OutOfBoundsNoPoe);
    }

    [Fact]
    public async Task Timings_are_reported()
    {
        var signer = fx.Pki["ayse"];
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var model = DemoPrintModels.PaymentOrder();
        var handler = new Mys.Signing.DevPki.Services.DevPkiHttpHandler(new Mys.Signing.DevPki.Services.DevPkiServices(fx.Pki, TimeProvider.System));
        var validator = new SignatureValidator(Validators.Options(fx), new HttpRevocationDataClient(new HttpClient(handler)), TimeProvider.System);
        var render = new List<double>();
        var prepare = new List<double>();
        var complete = new List<double>();
        var validate = new List<double>();
        var extender = new PadesExtender(fx.Tsa, new HttpRevocationDataClient(new HttpClient(handler)));
        var offline = new SignatureValidator(Validators.Options(fx), new OfflineRevocationDataClient(), TimeProvider.System);
        var validateLt = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var sw = Stopwatch.StartNew();
            var pdf = PaymentOrderRenderer.Render(model);
            render.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var p = service.Prepare(new PadesPrepareRequest(pdf, SignerFields.RealizationOfficer, signer.CertificateDer, chain) { Level = SignatureLevel.BaselineB }).Value;
            prepare.Add(sw.Elapsed.TotalMilliseconds);
            var raw = signer.SignDigest(p.DataToSign, DigestAlgorithm.Sha256.Name());
            sw.Restart();
            var done = await service.CompleteAsync(p, raw);
            complete.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            (await validator.ValidatePdfAsync(done.Value.Pdf)).Indication.ShouldBe(Indication.TotalPassed);
            validate.Add(sw.Elapsed.TotalMilliseconds);
            var lt = (await extender.AddValidationDataAsync(done.Value.Pdf, [fx.Pki.Root.CertificateDer])).Value;
            sw.Restart();
            (await offline.ValidatePdfAsync(lt)).Indication.ShouldBe(Indication.TotalPassed);
            validateLt.Add(sw.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"median ms (15 runs, first 5 dropped): render {Median(render):F2}, prepare {Median(prepare):F2}, " +
            $"complete(B-B) {Median(complete):F2}, validate(in-process OCSP+CRL responders) {Median(validate):F2}, validate B-LT offline from /DSS {Median(validateLt):F2}");
        PdfFile.Load(PaymentOrderRenderer.Render(model)).Size.ShouldBeGreaterThan(10);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Skip(5).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
