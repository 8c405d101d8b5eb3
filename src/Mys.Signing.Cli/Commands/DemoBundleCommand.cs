using System.Security.Cryptography;
using System.Text;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Common;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Cli.Commands;

/// <summary>
/// <c>mys demo-bundle --out DIR [--pki DIR] [--base-url URL]</c>: from demo data and the dev PKI, with no server,
/// writes <c>oeb.pdf</c> signed by both demo signers (B-LT: /DSS with the OCSP/CRL answers), a non-PDF attachment with
/// its CAdES-LT <c>.p7s</c>, <c>bundle.asice</c> sealed by the system (CAdES-LT), and <c>trust/root.pem</c>, so anyone can
/// check our output with other tools, offline too.
/// </summary>
public static class DemoBundleCommand
{
    public const string AttachmentName = "varlik-islem-fisi.xml";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = Option(args, "--out");
        if (output is null)
        {
            await stderr.WriteLineAsync("mys demo-bundle: --out DIR is required");
            return CommandLine.Usage;
        }

        var options = new DevPkiOptions { BaseUrl = Option(args, "--base-url") ?? "http://127.0.0.1:5080/devpki" };
        foreach (var person in DevPkiOptions.DemoPersons)
        {
            options.Persons.Add(person);
        }

        var pki = DevPkiStore.LoadOrCreate(Option(args, "--pki") ?? Path.Combine(".local", "devpki"), options, TimeProvider.System);
        var realization = pki[DevPkiOptions.DemoPersons[0].Id];
        var spending = pki[DevPkiOptions.DemoPersons[1].Id];

        // The dev TSA, OCSP responder and CRLs answer in-process: no server needs to run.
        using var http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, TimeProvider.System)));
        var tsa = new HttpTimeStampClient(http, new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) });
        var revocation = new HttpRevocationDataClient(http);
        byte[][] trust = [pki.Root.CertificateDer];
        var pades = new PadesService(tsa, TimeProvider.System);
        var cades = new CadesService(tsa, TimeProvider.System);

        Directory.CreateDirectory(Path.Combine(output, "trust"));
        var attachment = Encoding.UTF8.GetBytes(DemoAttachment);
        var pdf = PaymentOrderRenderer.Render(DemoModel(attachment, realization.Name!, spending.Name!));
        pdf = await SignAsync(pades, pdf, SignerFields.RealizationOfficer, realization, pki);
        pdf = await SignAsync(pades, pdf, SignerFields.SpendingAuthority, spending, pki);
        pdf = Success(await new PadesExtender(tsa, revocation).AddValidationDataAsync(pdf, trust));
        await File.WriteAllBytesAsync(Path.Combine(output, "oeb.pdf"), pdf);

        var prepared = cades.Prepare(CadesPrepareRequest.ForContent(attachment, realization.CertificateDer, Chain(pki, realization)));
        var p7s = Success(await new CadesExtender(revocation).AddValidationDataAsync(
            Success(await cades.CompleteAsync(prepared, realization.SignDigest(prepared.DataToSign, prepared.Digest.Name()))), trust));
        await File.WriteAllBytesAsync(Path.Combine(output, AttachmentName), attachment);
        await File.WriteAllBytesAsync(Path.Combine(output, AttachmentName + ".p7s"), p7s);

        await using (var bundle = File.Create(Path.Combine(output, "bundle.asice")))
        {
            using var seal = pki.SealSigner();
            var writer = new AsicContainerWriter(cades, seal, new SealValidationData(revocation, trust));
            Success(await writer.WriteAsync(bundle,
            [
                AsicFile.FromBytes("oeb.pdf", "application/pdf", pdf),
                AsicFile.FromBytes(AttachmentName, "application/xml", attachment),
                AsicFile.FromBytes(AttachmentName + ".p7s", "application/pkcs7-signature", p7s),
            ]));
        }

        await File.WriteAllTextAsync(Path.Combine(output, "trust", "root.pem"), Pem(pki.Root.CertificateDer));
        await stdout.WriteLineAsync($"Demo bundle written to {Path.GetFullPath(output)}: oeb.pdf, {AttachmentName}(.p7s), bundle.asice, trust/root.pem");
        return CommandLine.Ok;
    }

    private static async Task<byte[]> SignAsync(PadesService pades, byte[] pdf, string field, DevPkiEntry signer, DevPkiHierarchy pki)
    {
        var prepared = Success(pades.Prepare(new PadesPrepareRequest(pdf, field, signer.CertificateDer, Chain(pki, signer))
        {
            SignerName = signer.Name,
            Reason = "Ödeme emri belgesi onayı",
            AppearanceTime = TurkeyTime.Stamp,
        }));
        return Success(await pades.CompleteAsync(prepared, signer.SignDigest(prepared.DataToSign, prepared.Digest.Name()))).Pdf;
    }

    private static List<byte[]> Chain(DevPkiHierarchy pki, DevPkiEntry entry) => pki.ChainFor(entry).Select(c => c.GetEncoded()).ToList();

    private static T Success<T>(SignatureResult<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Signing the demo bundle failed: {result.Error}");

    private static string Pem(byte[] der) =>
        "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private const string DemoAttachment = """
        <?xml version="1.0" encoding="UTF-8"?>
        <VarlikIslemFisi no="2026/000045" tarih="2026-11-20">
          <Kalem kod="150.01.01" ad="A4 fotokopi kâğıdı" birim="paket" miktar="50" birimFiyat="120.00" kdv="20" />
        </VarlikIslemFisi>
        """;

    private static PaymentOrderPrintModel DemoModel(byte[] attachment, string realizationName, string spendingName) =>
        DemoPrintModels.PaymentOrder("2026/000045") with
        {
            Attachments = [new("Varlık İşlem Fişi", "Sistem", AttachmentName, attachment.Length, Convert.ToHexString(SHA256.HashData(attachment)))],
            Signers =
            [
                new("Gerçekleştirme Görevlisi", SignerFields.RealizationOfficer, realizationName, "Şube Müdürü"),
                new("Harcama Yetkilisi", SignerFields.SpendingAuthority, spendingName, "Daire Başkanı"),
                new("Muhasebe Yetkilisi", SignerFields.AccountingOfficer, "—", "Muhasebe Yetkilisi"),
            ],
            VerificationCode = "MYS-DEMO-0045",
            VerificationUrl = "http://127.0.0.1:5080/dogrula/MYS-DEMO-0045",
        };
}
