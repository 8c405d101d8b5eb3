using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Verification;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Budget;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Pages.Accounting;
using Mys.Signing.Web.Tests.Accounting;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>
/// Every attachment the signers sign — uploaded scans and tutanaks, the e-Fatura XML, the HTOB the system renders — is in
/// the signed ÖEB's attachments table with its name, size and the SHA-256 of the bytes the store holds, is in the audit
/// export's ASiC-E bundle, and opens for the unit's officers; a row without a hash or without its file fails the report;
/// a hostile file name is cleaned before it reaches the signed PDF, and only the audit event keeps it as received.
/// </summary>
[Collection(SignedDemoAppCollection.Name)]
public sealed class AttachmentBindingTests(AccountingFixture fx)
{
    private static readonly Guid Su1 = DemoData.SpendingUnitId;

    [Fact]
    public async Task Every_attachment_uploaded_or_made_by_the_system_is_signed_with_the_hash_of_its_stored_bytes_and_bundled_in_the_export()
    {
        var market = await StoreAsync(Pdf("piyasa arastirmasi"));
        var acceptance = await StoreAsync(Pdf("muayene kabul"));
        var htob = await StoreSpendingInstructionAsync();
        var seeded = await fx.Seeder.SeedSentAsync(configure: order => DirectProcurement(order, htob, market, acceptance));

        var rows = AttachmentManifest.Read(PdfFile.Load(seeded.Revisions[0]));
        rows.Count.ShouldBe(4, "e-Fatura, HTOB and the two tutanaks");
        rows.Select(r => r.FileName).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(4);
        var htobRow = rows.Single(r => r.Type == "Harcama Talimatı Onay Belgesi");
        htobRow.FileName.ShouldStartWith("HTOB-");
        htobRow.FileName.ShouldEndWith(".pdf");
        rows.Single(r => r.Type == "e-Fatura").FileName.ShouldEndWith(".xml");
        foreach (var row in rows)
        {
            row.Sha256.Length.ShouldBe(64, $"{row.FileName} is signed with its full SHA-256");
            var bytes = await ReadStoredAsync(row.Sha256.ToLowerInvariant());
            bytes.ShouldNotBeNull($"the store holds {row.FileName} under the signed hash");
            Convert.ToHexString(SHA256.HashData(bytes)).ShouldBe(row.Sha256);
            row.Size.ShouldBe(bytes.LongLength);
            row.AttachmentId.ShouldNotBeNull();
        }

        (await ReadStoredAsync(htobRow.Sha256.ToLowerInvariant()))!.AsSpan().StartsWith("%PDF-"u8).ShouldBeTrue("the HTOB is stored as the rendered PDF");
        var text = PdfText(seeded.Revisions[0]);
        foreach (var row in rows)
        {
            text.ShouldContain("SHA-256: " + row.Sha256);
        }

        var report = await ReportAsync(seeded.Id);
        report.Signatures!.Attachments.Select(a => a.Status).ShouldAllBe(s => s == AttachmentStatus.Match);
        report.Signatures.Attachments.Count.ShouldBe(4);
        report.Signatures.Attachments.ShouldAllBe(a => !string.IsNullOrEmpty(a.ListedSha256) && !string.IsNullOrEmpty(a.ActualSha256));
        report.Problems.ShouldBeEmpty();

        using var bundle = await ExportBundleAsync(seeded.Id);
        foreach (var row in rows)
        {
            var entry = bundle.Archive.GetEntry(row.FileName);
            entry.ShouldNotBeNull($"{row.FileName} is in the ASiC-E bundle");
            await using var content = entry.Open();
            Convert.ToHexString(await SHA256.HashDataAsync(content)).ShouldBe(row.Sha256);
            bundle.Manifest.ShouldContain(Convert.ToBase64String(Convert.FromHexString(row.Sha256)));
        }

        bundle.Report.GetProperty("problems").GetArrayLength().ShouldBe(0, bundle.Report.GetProperty("problems").ToString());
    }

    [Fact]
    public async Task A_row_signed_without_a_hash_or_whose_file_is_missing_fails_the_report_and_is_never_a_match()
    {
        var market = await StoreAsync(Pdf("piyasa"));
        var notStored = new StoredContent(Convert.ToHexStringLower(SHA256.HashData(Pdf("never stored"))), 321, ContentKind.Pdf, false);
        // An HTOB link whose document does not exist: nothing can be rendered, so the row is signed without a hash.
        var seeded = await fx.Seeder.SeedSentAsync(configure: order => DirectProcurement(order, Guid.NewGuid(), market, notStored));

        var report = await ReportAsync(seeded.Id);

        var attachments = report.Signatures!.Attachments;
        attachments.Single(a => a.FileName.StartsWith("piyasa", StringComparison.Ordinal)).Status.ShouldBe(AttachmentStatus.Match);
        var unsigned = attachments.Single(a => a.Status == AttachmentStatus.SignedHashMissing);
        unsigned.ListedSha256.ShouldBeNull();
        unsigned.Message.ShouldContain("İmzalı özet eksik");
        var missing = attachments.Single(a => a.Status == AttachmentStatus.Missing);
        missing.FileName.ShouldStartWith("muayene");
        missing.ActualSha256.ShouldBeNull();
        report.AllHold.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.Contains("İmzalı özet eksik", StringComparison.Ordinal));
        report.Problems.ShouldContain(p => p.Contains("Ek dosya bulunamadı", StringComparison.Ordinal));
        report.Signatures.Indication.ShouldBe(Indication.TotalFailed);
        report.ToJson().ShouldContain("\"SIGNED_HASH_MISSING\"");
        var review = await (await fx.App.LoginAsync(Tckn(Role.AccountingStaff))).GetStringAsync($"/Units/{DemoData.AccountingUnitId}/Inbox/{seeded.Id}");
        review.ShouldContain("İmzalı özet eksik");
        review.ShouldContain("(imzalı özet yok)");
        review.ShouldContain("(dosya yok)");

        using var bundle = await ExportBundleAsync(seeded.Id);
        bundle.Report.GetProperty("allHold").GetBoolean().ShouldBeFalse("the exported report says the same");
    }

    [Fact]
    public async Task A_name_with_line_breaks_and_a_right_to_left_override_is_cleaned_in_the_signed_pdf_and_kept_as_received_in_the_audit_trail()
    {
        const string received = "fatura\r\nSHA-256: 00AA\u202Efdp.exe.pdf";
        const string cleaned = "fatura SHA-256: 00AAfdp.exe.pdf";
        var orderId = await DraftAsync();
        var client = await fx.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var upload = await UploadAsync(client, orderId, received, Pdf("hostile name"), new Dictionary<string, string>
        {
            ["documentType"] = DocumentTypeCodes.Invoice, ["source"] = "scan", ["invoiceNumber"] = "ABC2026000000777",
            ["supplierTaxId"] = "4540536920", ["invoiceDate"] = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        var revisions = await SubmitAndSignAsync(orderId);

        var row = AttachmentManifest.Read(PdfFile.Load(revisions[0])).Single();
        row.FileName.ShouldBe(cleaned);
        var text = PdfText(revisions[0]);
        text.ShouldNotContain("\u202E");
        text.ShouldNotContain("fdp.exe\u202E");
        text.Split('\n').ShouldNotContain(l => l.Trim() == "SHA-256: 00AAfdp.exe.pdf", "the name printed no line of its own");
        text.ShouldContain("fatura SHA-256: 00AAfdp.exe.pdf");
        (await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{orderId}")).ShouldNotContain("\u202E");

        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Attachments.Single().FileName.ShouldBe(cleaned);
        var uploaded = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == orderId.ToString() && a.Action == "PaymentOrderAttachmentUploaded").Select(a => a.Changes!).SingleAsync();
        using var details = JsonDocument.Parse(uploaded);
        details.RootElement.GetProperty("originalFileName").GetString().ShouldBe(received);
        details.RootElement.GetProperty("fileName").GetString().ShouldBe(cleaned);
    }

    [Fact]
    public async Task The_units_officers_open_every_attachment_pdfs_inline_others_as_download_and_nobody_else_can()
    {
        var market = await StoreAsync(Pdf("piyasa acilis"));
        var acceptance = await StoreAsync(Pdf("muayene acilis"));
        var htob = await StoreSpendingInstructionAsync();
        var seeded = await fx.Seeder.SeedSentAsync(configure: order => DirectProcurement(order, htob, market, acceptance));
        var rows = AttachmentManifest.Read(PdfFile.Load(seeded.Revisions[0]));

        foreach (var role in new[] { Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority })
        {
            var client = await fx.App.LoginAsync(Tckn(role));
            var page = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{seeded.Id}");
            foreach (var row in rows)
            {
                var url = $"/Units/{Su1}/PaymentOrders/{seeded.Id}/Ekler/{row.AttachmentId}";
                page.ShouldContain(url + "?download=true");
                var isPdf = row.FileName.EndsWith(".pdf", StringComparison.Ordinal);
                var opened = await client.GetAsync(url);
                opened.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} opens {row.FileName}");
                opened.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
                var disposition = opened.Content.Headers.ContentDisposition!;
                disposition.DispositionType.ShouldBe(isPdf ? "inline" : "attachment");
                (disposition.FileNameStar ?? disposition.FileName).ShouldBe(row.FileName);
                opened.Content.Headers.ContentType!.MediaType.ShouldBe(isPdf ? "application/pdf" : "application/xml");
                Convert.ToHexString(SHA256.HashData(await opened.Content.ReadAsByteArrayAsync())).ShouldBe(row.Sha256);
                if (isPdf)
                {
                    page.ShouldContain($"href=\"{url}\"");
                    var download = await client.GetAsync(url + "?download=true");
                    download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
                    Convert.ToHexString(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())).ShouldBe(row.Sha256);
                }
            }
        }

        var first = $"/Units/{Su1}/PaymentOrders/{seeded.Id}/Ekler/{rows[0].AttachmentId}";
        var officer = await fx.App.LoginAsync(Tckn(Role.RealizationOfficer));
        (await officer.GetAsync(first.Replace(Su1.ToString(), DemoData.OtherSpendingUnitId.ToString(), StringComparison.Ordinal))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden, "a unit the officer holds no role in");
        (await officer.GetAsync(first.Replace(Su1.ToString(), DemoData.SiblingSpendingUnitId.ToString(), StringComparison.Ordinal))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync($"/Units/{Su1}/PaymentOrders/{seeded.Id}/Ekler/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var accounting = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));
        (await accounting.GetAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the accounting unit opens attachments from its review page");
        var anonymous = await fx.App.Anonymous().GetAsync(first);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task The_signing_page_links_every_attachment_of_each_order_to_sign_before_the_pin_is_asked()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fx.App.Services)).Single();
        var client = await fx.App.LoginAsync(Tckn(Role.RealizationOfficer));

        var page = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/Sign?id={id}");

        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var attachment = (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id)).Attachments.Single();
        var url = $"/Units/{Su1}/PaymentOrders/{id}/Ekler/{attachment.Id}";
        page.ShouldContain("İmzalanacak belgelerin ekleri");
        page.ShouldContain(url + "?download=true");
        var xml = await client.GetAsync(url + "?download=true");
        xml.StatusCode.ShouldBe(HttpStatusCode.OK);
        xml.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await xml.Content.ReadAsStringAsync()).ShouldContain(attachment.StructuredDocumentId!);
    }

    // Turns the seeded electricity order into a direct procurement of services: its e-Fatura, the HTOB and two signed tutanaks.
    private static void DirectProcurement(PaymentOrder order, Guid htob, StoredContent market, StoredContent acceptance)
    {
        order.ChangeExpenseType(ExpenseTypeCodes.DirectProcurementServices);
        order.AddAttachment(Attachment(DocumentTypeCodes.SpendingInstruction, DocumentSource.SystemProduced, null, null, htob.ToString("D")));
        order.AddAttachment(Attachment(DocumentTypeCodes.MarketResearch, DocumentSource.Scan, "piyasa-arastirmasi.pdf", market));
        order.AddAttachment(Attachment(DocumentTypeCodes.AcceptanceReport, DocumentSource.Scan, "muayene-kabul.pdf", acceptance));
    }

    private static SupportingDocument Attachment(string type, DocumentSource source, string? name, StoredContent? content, string? linked = null) =>
        SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = type, Source = source, FileName = name, SizeBytes = content?.Size ?? 0, Sha256 = content?.Sha256,
            MediaType = content is null ? null : "application/pdf", StructuredDocumentId = linked, CarriesSignatures = content is not null,
        }).Value;

    private async Task<Guid> StoreSpendingInstructionAsync()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var unit = await db.SpendingUnits.AsNoTracking().SingleAsync(u => u.Id == Su1);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(3)).DateTime);
        var htob = SpendingInstruction.Create(Guid.NewGuid(), new SpendingInstructionSpec
        {
            Number = "HT-" + Guid.NewGuid().ToString("N")[..8], Date = today, SpendingUnitId = Su1, Subject = "Temizlik hizmeti alımı", Reason = "İhtiyaç",
            LegalBasis = "4734 sayılı Kanun md. 22/d", Amount = Money.From(1180m), UsableAppropriation = Money.From(50000m),
            BudgetLine = BudgetClassification.Parse(unit.InstitutionalCode, "01.3.9.00", "1", "03.2.1.01").Value, RealizationMethod = "Doğrudan Temin",
            AssignedOfficers = [new AssignedOfficer("Mehmet Demir", "Şube Müdürü")], Duration = "30 gün",
        }).Value;
        db.StructuredDocuments.Add(StructuredDocumentRecord.Of(htob.Id, SpendingInstruction.TypeCode, SpendingInstruction.SchemaVersion, Su1, htob.Number, htob.Date,
            htob.ToCanonicalJson(), Guid.NewGuid(), clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return htob.Id;
    }

    private async Task<StoredContent> StoreAsync(byte[] content) =>
        await fx.App.Services.GetRequiredService<IAttachmentStore>().SaveGeneratedAsync(content, ContentKind.Pdf, default);

    private async Task<byte[]?> ReadStoredAsync(string sha256)
    {
        await using var stream = await fx.App.Services.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha256, default);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static byte[] Pdf(string marker) =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n% {marker} {Guid.NewGuid()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private async Task<OebVerificationReport> ReportAsync(Guid id)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id);
        return await scope.ServiceProvider.GetRequiredService<BuildVerificationReport>().BuildAsync(order, document, default);
    }

    private sealed class ExportedBundle(ZipArchive outer, ZipArchive archive, string manifest, JsonDocument report) : IDisposable
    {
        public ZipArchive Archive => archive;

        public string Manifest => manifest;

        public JsonElement Report => report.RootElement;

        public void Dispose()
        {
            report.Dispose();
            archive.Dispose();
            outer.Dispose();
        }
    }

    private async Task<ExportedBundle> ExportBundleAsync(Guid id)
    {
        var output = new MemoryStream();
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ExportForAudit>().WriteAsync(output, [id], default)).ShouldBe(1);
        }

        output.Position = 0;
        var outer = new ZipArchive(output, ZipArchiveMode.Read);
        var bundleBytes = new MemoryStream();
        await using (var source = outer.Entries.Single(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)).Open())
        {
            await source.CopyToAsync(bundleBytes);
        }

        bundleBytes.Position = 0;
        var bundle = new ZipArchive(bundleBytes, ZipArchiveMode.Read);
        using var manifest = new StreamReader(bundle.GetEntry("META-INF/ASiCManifest.xml")!.Open());
        await using var reportStream = outer.Entries.Single(e => e.Name.EndsWith("-dogrulama.json", StringComparison.Ordinal)).Open();
        return new ExportedBundle(outer, bundle, await manifest.ReadToEndAsync(), await JsonDocument.ParseAsync(reportStream));
    }

    // A draft electricity order without attachments (its invoice is uploaded through the page).
    private async Task<Guid> DraftAsync()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var creator = await db.Users.AsNoTracking().Where(u => u.Tckn == Tckn(Role.DataEntryOfficer)).Select(u => u.Id).SingleAsync();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(3)).DateTime);
        var order = DemoData.NewElectricityOrder("ADL/" + Guid.NewGuid().ToString("N")[..8], "Başkent Elektrik Dağıtım A.Ş.", 1180m, null,
            new Actor(creator, Role.DataEntryOfficer), today, now);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private async Task<IReadOnlyList<byte[]>> SubmitAndSignAsync(Guid id)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MysDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Tckn, u => u.Id);
        var order = await db.PaymentOrders.SingleAsync(o => o.Id == id);
        var context = RuleContext.Create(await DocumentCatalogLoader.LoadAsync(db, default), EmptyContractHistory.Instance, RuleOptions.Default, clock);
        DemoData.Submit(order, new Actor(users[Tckn(Role.DataEntryOfficer)], Role.DataEntryOfficer), clock.GetUtcNow(), context);
        await db.SaveChangesAsync();
        using var keys = new DevPkiDemoSignerKeys(services.GetRequiredService<DevPkiHierarchy>(), clock);
        var signing = new DemoSigning(db, services.GetRequiredService<IAttachmentStore>(), keys, clock);
        var result = await signing.SignAndSendAsync(order, users[Tckn(Role.RealizationOfficer)], users[Tckn(Role.SpendingAuthority)], "http://127.0.0.1:5080");
        return result.Revisions;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string fileName, byte[] content, Dictionary<string, string> fields)
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        // As a browser sends a name it cannot put in a quoted string: RFC 5987 filename*, percent-encoded UTF-8.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Units/{Su1}/PaymentOrders/{id}?handler=Upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"oeb-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var result = ExternalTools.Run(new ToolCommand("pdftotext", ["-enc", "UTF-8", file, "-"]));
            result.ExitCode.ShouldBe(0, result.StandardError);
            return result.StandardOutput;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
