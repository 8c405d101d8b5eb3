using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using static Mys.Signing.Signatures.Tests.Validation.PdfAttackBuilder;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// Attacks on our own two-signature ÖEB after signing: each must be TOTAL-FAILED with its finding code and the Turkish
/// reason as the report's message — also when the chain is untrusted and revocation unavailable (the validator here
/// trusts nothing and reaches no OCSP/CRL), since integrity and permitted changes do not depend on either.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class ModificationAnalysisTests(PkiFixture fx)
{
    private static SignatureValidator Blind() => new(new ValidationOptions(), new OfflineRevocationDataClient(), TimeProvider.System);

    [Fact]
    public async Task Objects_appended_after_the_last_EOF_without_an_xref_fail_every_signature()
    {
        var signed = await SignedTwiceAsync();
        var contents = ((PdfReference)PdfFile.Load(signed).ResolveDictionary(FirstPage(PdfFile.Load(signed)))!["Contents"]!).Number;
        var overlay = "q 1 1 1 rg 300 500 200 40 re f Q BT /F0 14 Tf 300 510 Td (99.999,00 TL) Tj ET\n" + new string(' ', 1900);
        var attacked = Concat(signed, $"{contents} 0 obj\n{Stream(overlay)}\nendobj\n");

        var report = await AssertAttackAsync(attacked, "UNSIGNED_BYTES_AFTER_LAST_REVISION", "hiçbir imzanın kapsamadığı");
        report.Signatures.Count.ShouldBe(2);
        report.Signatures.ShouldAllBe(s => s.Indication == Indication.TotalFailed && s.SubIndication == SubIndication.ChangeNotPermitted);

        // Padding after %%EOF is no attack.
        (await Blind().ValidatePdfAsync(Concat(signed, "\n\n  \0\0\r\n"))).Signatures
            .ShouldAllBe(s => s.SubIndication != SubIndication.ChangeNotPermitted && s.Indication != Indication.TotalFailed);
    }

    [Fact]
    public async Task Objects_appended_with_a_startxref_pointing_back_to_the_signed_xref_fail()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var contents = ((PdfReference)file.ResolveDictionary(FirstPage(file))!["Contents"]!).Number;
        var attacked = Concat(signed, $"{contents} 0 obj\n{Stream("BT /F0 14 Tf 300 510 Td (99.999,00 TL) Tj ET")}\nendobj\nstartxref\n{file.StartXref}\n%%EOF\n");

        await AssertAttackAsync(attacked, "REVISION_INCOMPLETE", "kendi çapraz başvuru tablosu olmayan");
    }

    [Fact]
    public async Task A_cut_off_second_revision_fails()
    {
        var signed = await SignedTwiceAsync();
        var lastXref = signed.AsSpan().LastIndexOf("\nxref\n"u8);
        var cut = signed[..(lastXref + 30)];

        await AssertAttackAsync(cut, "REVISION_INCOMPLETE", "yarım kalmış");
    }

    [Fact]
    public async Task A_new_revision_replacing_page_content_fails_even_without_trust_or_revocation()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var contents = ((PdfReference)file.ResolveDictionary(FirstPage(file))!["Contents"]!).Number;
        var attacked = AppendUpdate(signed, [(contents, Stream("BT /F0 14 Tf 300 510 Td (99.999,00 TL) Tj ET"))]);

        PdfSig(attacked).ShouldContain("Signature is Valid.");
        await AssertAttackAsync(attacked, "PAGE_CONTENT_CHANGED", "1. sayfanın içeriği değiştirilmiş");
    }

    [Fact]
    public async Task Shadow_hide_redirecting_a_signed_resource_to_a_hidden_object_fails()
    {
        var (signed, shadow) = await ShadowedAsync();
        var attacked = AppendUpdate(signed, [], [(shadow.GraphicsState, Offset(signed, shadow.HiddenGraphicsState))]);

        await AssertAttackAsync(attacked, "RESOURCES_CHANGED", "1. sayfanın kaynakları");
    }

    [Fact]
    public async Task Shadow_replace_redirecting_the_page_content_to_a_hidden_stream_fails()
    {
        var (signed, shadow) = await ShadowedAsync();
        var attacked = AppendUpdate(signed, [], [(shadow.Contents, Offset(signed, shadow.HiddenContents))]);

        await AssertAttackAsync(attacked, "PAGE_CONTENT_CHANGED", "1. sayfanın içeriği");
    }

    [Fact]
    public async Task Shadow_hide_and_replace_switching_the_trailer_root_to_a_hidden_catalog_fails()
    {
        var (signed, shadow) = await ShadowedAsync();
        var attacked = AppendUpdate(signed, [], root: shadow.HiddenCatalog);

        var report = await AssertAttackAsync(attacked, "TRAILER_ROOT_CHANGED", "kök nesnesi");
        report.Signatures.ShouldAllBe(s => s.Findings.Any(f => f.StartsWith("PAGE_ADDED:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rewriting_the_first_signature_dictionary_in_the_second_signers_revision_fails_the_first_signature()
    {
        var first = await TestSigner.SignPdfAsync(fx, Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var file = PdfFile.Load(first.Pdf);
        var value = (PdfReference)PdfAcroForm.Find(file, SignerFields.RealizationOfficer)!.Dictionary["V"]!;
        var spoofed = ((PdfDictionary)file.GetObject(value.Number)!).Clone();
        spoofed["Reason"] = PdfString.FromText("Ödeme iptal edilmiştir");
        var update = new PdfIncrementalUpdate(file);
        update.Replace(value.Number, spoofed);
        var second = await TestSigner.SignPdfAsync(fx, update.Build().Bytes, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);

        var report = await AssertAttackAsync(second.Pdf, "SIGNATURE_DICTIONARY_CHANGED", SignerFields.RealizationOfficer);
        report.Signatures[1].Indication.ShouldNotBe(Indication.TotalFailed, report.ToJson());
        (await Validators.Online(fx).ValidatePdfAsync(second.Pdf)).Signatures[1].Indication.ShouldBe(Indication.TotalPassed);
    }

    [Fact]
    public async Task A_page_added_after_signing_fails()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var pagesRef = (PdfReference)file.Catalog["Pages"]!;
        var page = ((PdfDictionary)file.GetObject(FirstPage(file).Number)!).Clone();
        var update = new PdfIncrementalUpdate(file);
        page["Contents"] = update.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F0 14 Tf 100 700 Td (Ek sayfa) Tj ET")));
        page["Annots"] = new PdfArray();
        var pages = ((PdfDictionary)file.GetObject(pagesRef.Number)!).Clone();
        pages["Kids"] = new PdfArray([FirstPage(file), update.Add(page)]);
        pages["Count"] = new PdfNumber(2);
        update.Replace(pagesRef.Number, pages);

        await AssertAttackAsync(update.Build().Bytes, "PAGE_ADDED", "sayfa eklenmiş");
    }

    [Fact]
    public async Task A_page_removed_after_signing_fails()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var pagesRef = (PdfReference)file.Catalog["Pages"]!;
        var pages = ((PdfDictionary)file.GetObject(pagesRef.Number)!).Clone();
        pages["Kids"] = new PdfArray();
        pages["Count"] = new PdfNumber(0);
        var update = new PdfIncrementalUpdate(file);
        update.Replace(pagesRef.Number, pages);

        await AssertAttackAsync(update.Build().Bytes, "PAGE_REMOVED", "sayfa çıkarılmış");
    }

    [Fact]
    public async Task An_open_action_with_javascript_added_after_signing_fails()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var catalog = file.Catalog.Clone();
        var action = new PdfDictionary();
        action["S"] = new PdfName("JavaScript");
        action["JS"] = PdfString.FromText("app.alert('Ödeme onaylandı');");
        catalog["OpenAction"] = action;
        var update = new PdfIncrementalUpdate(file);
        update.Replace(file.CatalogReference.Number, catalog);

        await AssertAttackAsync(update.Build().Bytes, "ACTION_ADDED", "JavaScript");
    }

    [Fact]
    public async Task Redefining_another_signed_object_reachable_from_the_catalog_fails_but_unreferenced_additions_are_ignored()
    {
        var signed = await SignedTwiceAsync();
        var attachments = ((PdfReference)PdfFile.Load(signed).Catalog["MysAttachments"]!).Number;

        await AssertAttackAsync(AppendUpdate(signed, [(attachments, Stream("[]"))]), "OBJECT_OVERRIDDEN", "imzalanmış bir nesne");

        var garbage = AppendUpdate(signed, [(PdfFile.Load(signed).Size, Stream("BT /F0 14 Tf 300 510 Td (99.999,00 TL) Tj ET"))]);
        var report = await Validators.Online(fx).ValidatePdfAsync(garbage);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.ShouldAllBe(s => !s.CoversWholeDocument);
    }

    [Theory]
    [InlineData(1, "CERTIFICATION_NO_CHANGES_PERMITTED")]
    [InlineData(2, "ANNOTATION_ADDED")]
    public async Task A_free_text_annotation_after_a_certification_that_does_not_permit_it_fails(int p, string code)
    {
        var certified = await CertifiedAsync(p);
        (await Validators.Online(fx).ValidatePdfAsync(certified)).Indication.ShouldBe(Indication.TotalPassed);

        var report = await AssertAttackAsync(WithFreeText(certified), code, "serbest metin açıklaması");
        report.Signatures[0].Findings.ShouldContain(f => f.StartsWith("ANNOTATION_ADDED:", StringComparison.Ordinal));
        report.Message.ShouldContain($"P={p}");
    }

    [Fact]
    public async Task Validation_data_and_a_document_time_stamp_after_a_P1_certification_are_permitted()
    {
        var extender = new PadesExtender(fx.Tsa, new HttpRevocationDataClient(fx.Http));
        var lt = await extender.AddValidationDataAsync(await CertifiedAsync(1), [fx.Pki.Root.CertificateDer]);
        lt.IsSuccess.ShouldBeTrue(lt.Error?.ToString());
        var lta = await extender.AddDocumentTimeStampAsync(lt.Value);
        lta.IsSuccess.ShouldBeTrue(lta.Error?.ToString());

        var report = await Validators.Online(fx).ValidatePdfAsync(lta.Value);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Count.ShouldBe(2);
        report.Signatures.SelectMany(s => s.Findings).ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_after_a_P2_certification_is_permitted()
    {
        var certified = await CertifiedAsync(2);
        var second = await TestSigner.SignPdfAsync(fx, certified, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);

        var report = await Validators.Online(fx).ValidatePdfAsync(second.Pdf);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
    }

    [Fact]
    public async Task Our_two_signature_oeb_with_DSS_and_a_document_time_stamp_stays_passed()
    {
        var extender = new PadesExtender(fx.Tsa, new HttpRevocationDataClient(fx.Http));
        var lt = await extender.AddValidationDataAsync(await SignedTwiceAsync(), [fx.Pki.Root.CertificateDer]);
        var lta = await extender.AddDocumentTimeStampAsync(lt.Value);

        var report = await Validators.Online(fx).ValidatePdfAsync(lta.Value);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Count.ShouldBe(3);
        report.Signatures.SelectMany(s => s.Findings).ShouldBeEmpty();
        report.Message.ShouldBe("İmza geçerli.");
    }

    [Fact]
    public async Task An_annotation_and_a_form_fill_after_approval_signatures_are_permitted_and_shown()
    {
        var (signed, _) = await WithTextFieldSignedTwiceAsync(lockedBySecond: false);
        var filled = WithFreeText(FillTextField(signed));

        var report = await Validators.Online(fx).ValidatePdfAsync(filled);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.ShouldAllBe(s => s.Findings.Any(f => f.StartsWith("PERMITTED_CHANGE: ANNOTATION_ADDED:", StringComparison.Ordinal)));
        report.Signatures.ShouldAllBe(s => s.Findings.Any(f => f.StartsWith("PERMITTED_CHANGE: FORM_FIELD_CHANGED: Aciklama", StringComparison.Ordinal)));
        report.Signatures[0].Reason.ShouldContain("izin verilen değişiklikler");
        (await Blind().ValidatePdfAsync(filled)).Indication.ShouldBe(Indication.Indeterminate);
    }

    [Fact]
    public async Task Filling_a_field_the_second_signature_locked_fails_only_that_signature()
    {
        var (signed, _) = await WithTextFieldSignedTwiceAsync(lockedBySecond: true);

        var report = await Validators.Online(fx).ValidatePdfAsync(FillTextField(signed));
        report.Signatures[0].Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures[1].Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures[1].Findings.ShouldContain(f => f.StartsWith("FIELD_LOCKED: Aciklama", StringComparison.Ordinal));
        report.Message.ShouldContain("kilitlediği 'Aciklama'");
    }

    [Fact]
    public async Task Integrity_failure_outranks_a_modification_and_both_outrank_an_untrusted_chain()
    {
        var signed = await SignedTwiceAsync();
        var file = PdfFile.Load(signed);
        var contents = ((PdfReference)file.ResolveDictionary(FirstPage(file))!["Contents"]!).Number;
        var attacked = AppendUpdate(signed, [(contents, Stream("BT ET"))]);
        attacked[attacked.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;

        var report = await Blind().ValidatePdfAsync(attacked);
        report.Signatures.ShouldAllBe(s => s.SubIndication == SubIndication.HashFailure, report.ToJson());
        report.Signatures.ShouldAllBe(s => s.Findings.Any(f => f.StartsWith("PAGE_CONTENT_CHANGED:", StringComparison.Ordinal)));
        report.SubIndication.ShouldBe(SubIndication.HashFailure);
        report.Message.ShouldBe(report.Signatures[0].Reason);
        report.Message.ShouldContain("özet değeri");
    }

    [Fact]
    public void Fail_keeps_the_most_decisive_failure_whatever_the_order()
    {
        var report = new SignatureReport();
        report.Fail(Indication.Indeterminate, SubIndication.NoCertificateChainFound, "CHAIN_NOT_TRUSTED: CN=x");
        report.Fail(Indication.TotalFailed, SubIndication.ChangeNotPermitted, "PAGE_ADDED: page 2", "İmzadan sonra belgeye sayfa eklenmiş (2. sayfa).");
        report.Fail(Indication.Indeterminate, SubIndication.TryLater, "REVOCATION_DATA_UNAVAILABLE");
        report.SubIndication.ShouldBe(SubIndication.ChangeNotPermitted);
        report.Reason.ShouldBe("İmzadan sonra belgeye sayfa eklenmiş (2. sayfa).");

        report.Fail(Indication.TotalFailed, SubIndication.SigCryptoFailure, "SIGNATURE_VALUE_INVALID");
        report.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
        report.Fail(Indication.TotalFailed, SubIndication.Revoked, "CERTIFICATE_REVOKED");
        report.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
        report.Reason.ShouldStartWith("İmza değeri sertifikanın açık anahtarıyla doğrulanamadı");
        report.Findings.Count.ShouldBe(5);
    }

    private static async Task<ValidationReport> AssertAttackAsync(byte[] attacked, string code, string reasonFragment)
    {
        var report = await Blind().ValidatePdfAsync(attacked);
        report.Indication.ShouldBe(Indication.TotalFailed, report.ToJson());
        var failed = report.Signatures.Where(s => s.Findings.Any(f => f.StartsWith(code + ":", StringComparison.Ordinal))).ToList();
        failed.ShouldNotBeEmpty(report.ToJson());
        failed.ShouldAllBe(s => s.Indication == Indication.TotalFailed && s.SubIndication == SubIndication.ChangeNotPermitted);
        report.SubIndication.ShouldBe(SubIndication.ChangeNotPermitted);
        report.Message.ShouldBe(failed[0].Reason);
        report.Message.ShouldContain(reasonFragment, Case.Sensitive, report.ToJson());
        return report;
    }

    private static byte[] Render() => PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());

    private async Task<byte[]> SignedTwiceAsync(byte[]? pdf = null)
    {
        var first = await TestSigner.SignPdfAsync(fx, pdf ?? Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        return (await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"])).Pdf;
    }

    private sealed record Shadow(int Contents, int GraphicsState, int HiddenContents, int HiddenGraphicsState, int HiddenCatalog);

    /// <summary>
    /// The attacker's preparation before signing: hidden, unreferenced objects in the signed revision (another content
    /// stream, a transparent graphics state, a whole second catalog with its own page tree).
    /// </summary>
    private async Task<(byte[] Signed, Shadow Shadow)> ShadowedAsync()
    {
        var file = PdfFile.Load(Render());
        var pageRef = FirstPage(file);
        var page = (PdfDictionary)file.GetObject(pageRef.Number)!;
        var contents = ((PdfReference)page["Contents"]!).Number;
        var gs = (PdfReference)file.ResolveDictionary(file.ResolveDictionary(page["Resources"])!["ExtGState"])!["GS0"]!;
        var update = new PdfIncrementalUpdate(file);
        var hiddenContents = update.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F0 14 Tf 100 700 Td (Net tutar: 99.999,00 TL) Tj ET")));
        var hiddenGs = ((PdfDictionary)file.GetObject(gs.Number)!).Clone();
        hiddenGs["ca"] = new PdfNumber("0");
        hiddenGs["CA"] = new PdfNumber("0");
        var hiddenGsRef = update.Add(hiddenGs);
        var hiddenPage = page.Clone();
        hiddenPage["Contents"] = hiddenContents;
        hiddenPage.Entries.RemoveAll(e => e.Key == "Annots");
        var hiddenPages = new PdfDictionary();
        hiddenPages["Type"] = new PdfName("Pages");
        hiddenPages["Count"] = new PdfNumber(1);
        var hiddenPagesRef = update.Add(hiddenPages);
        hiddenPage["Parent"] = hiddenPagesRef;
        hiddenPages["Kids"] = new PdfArray([update.Add(hiddenPage)]);
        var hiddenCatalog = file.Catalog.Clone();
        hiddenCatalog["Pages"] = hiddenPagesRef;
        var hiddenCatalogRef = update.Add(hiddenCatalog);
        var prepared = update.Build().Bytes;

        var signed = await SignedTwiceAsync(prepared);
        return (signed, new Shadow(contents, gs.Number, hiddenContents.Number, hiddenGsRef.Number, hiddenCatalogRef.Number));
    }

    private static long Offset(byte[] pdf, int number) => PdfFile.Load(pdf).Xref[number].Offset;

    /// <summary>A certification signature (DocMDP /P <paramref name="p"/>) in the first field, built from our parts.</summary>
    private async Task<byte[]> CertifiedAsync(int p)
    {
        var file = PdfFile.Load(Render());
        var field = PdfAcroForm.Find(file, SignerFields.RealizationOfficer)!;
        var update = new PdfIncrementalUpdate(file);
        var placeholder = PdfSignaturePlaceholder.Dictionary("Sig", "ETSI.CAdES.detached", DateTimeOffset.UtcNow, "Ayşe Yılmaz", "Onay", null, 16384);
        var raw = Encoding.ASCII.GetString(placeholder.Bytes);
        raw = raw.Replace(" /ByteRange", string.Create(CultureInfo.InvariantCulture,
            $" /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P {p} /V /1.2 >> >>] /ByteRange"), StringComparison.Ordinal);
        // The /Contents '0's follow the text up to "<" (the placeholder holds them apart); its last three bytes are ">>>".
        var signature = update.Add(new PdfRaw(Encoding.ASCII.GetBytes(raw)) { ZeroDigitsAt = raw.Length - 3, ZeroDigits = placeholder.ZeroDigits });
        var fieldDict = ((PdfDictionary)file.GetObject(field.Number)!).Clone();
        fieldDict["V"] = signature;
        update.Replace(field.Number, fieldDict);
        var catalog = file.Catalog.Clone();
        var perms = new PdfDictionary();
        perms["DocMDP"] = signature;
        catalog["Perms"] = perms;
        update.Replace(file.CatalogReference.Number, catalog);
        var (bytes, offsets) = update.Build();
        var (contentsOffset, hexLength, range) = PdfSignaturePlaceholder.Patch(bytes, offsets[signature.Number]);
        byte[] signedContent = [.. bytes.AsSpan((int)range[0], (int)range[1]), .. bytes.AsSpan((int)range[2], (int)range[3])];
        var cms = await TestCades.SignAsync(fx, signedContent, fx.Pki["ayse"]);
        PdfSignaturePlaceholder.Fill(bytes, contentsOffset, hexLength, cms).ShouldBeTrue();
        return bytes;
    }

    private static byte[] WithFreeText(byte[] pdf)
    {
        var file = PdfFile.Load(pdf);
        var pageRef = FirstPage(file);
        var page = ((PdfDictionary)file.GetObject(pageRef.Number)!).Clone();
        var update = new PdfIncrementalUpdate(file);
        var note = new PdfDictionary();
        note["Type"] = new PdfName("Annot");
        note["Subtype"] = new PdfName("FreeText");
        note["Rect"] = new PdfArray([new PdfNumber(300), new PdfNumber(500), new PdfNumber(500), new PdfNumber(540)]);
        note["Contents"] = PdfString.FromText("Net tutar: 99.999,00 TL");
        note["DA"] = PdfString.FromText("/Helv 12 Tf 0 g");
        var annots = new PdfArray(((PdfArray?)file.Resolve(page["Annots"]))?.Items ?? []);
        annots.Items.Add(update.Add(note));
        page["Annots"] = annots;
        update.Replace(pageRef.Number, page);
        return update.Build().Bytes;
    }

    /// <summary>Adds an empty text field "Aciklama" before signing (optionally locked by the second signature field), then signs twice.</summary>
    private async Task<(byte[] Signed, int Field)> WithTextFieldSignedTwiceAsync(bool lockedBySecond)
    {
        var file = PdfFile.Load(Render());
        var pageRef = FirstPage(file);
        var page = ((PdfDictionary)file.GetObject(pageRef.Number)!).Clone();
        var update = new PdfIncrementalUpdate(file);
        var text = new PdfDictionary();
        text["Type"] = new PdfName("Annot");
        text["Subtype"] = new PdfName("Widget");
        text["FT"] = new PdfName("Tx");
        text["T"] = PdfString.FromText("Aciklama");
        text["Rect"] = new PdfArray([new PdfNumber(50), new PdfNumber(60), new PdfNumber(300), new PdfNumber(80)]);
        text["F"] = new PdfNumber(4);
        text["P"] = pageRef;
        text["DA"] = PdfString.FromText("/Helv 10 Tf 0 g");
        var textRef = update.Add(text);
        var annots = new PdfArray(((PdfArray?)file.Resolve(page["Annots"]))?.Items ?? []);
        annots.Items.Add(textRef);
        page["Annots"] = annots;
        update.Replace(pageRef.Number, page);
        var formRef = (PdfReference)file.Catalog["AcroForm"]!;
        var form = ((PdfDictionary)file.GetObject(formRef.Number)!).Clone();
        form["Fields"] = new PdfArray([.. ((PdfArray)file.Resolve(form["Fields"])!).Items, textRef]);
        update.Replace(formRef.Number, form);
        if (lockedBySecond)
        {
            var second = PdfAcroForm.Find(file, SignerFields.SpendingAuthority)!;
            var sigField = ((PdfDictionary)file.GetObject(second.Number)!).Clone();
            var lockDict = new PdfDictionary();
            lockDict["Type"] = new PdfName("SigFieldLock");
            lockDict["Action"] = new PdfName("Include");
            lockDict["Fields"] = new PdfArray([PdfString.FromText("Aciklama")]);
            sigField["Lock"] = lockDict;
            update.Replace(second.Number, sigField);
        }

        return (await SignedTwiceAsync(update.Build().Bytes), textRef.Number);
    }

    private static byte[] FillTextField(byte[] pdf)
    {
        var file = PdfFile.Load(pdf);
        var field = PdfAcroForm.Find(file, "Aciklama")!;
        var filled = ((PdfDictionary)file.GetObject(field.Number)!).Clone();
        filled["V"] = PdfString.FromText("Ödeme 3 gün gecikti");
        var update = new PdfIncrementalUpdate(file);
        update.Replace(field.Number, filled);
        return update.Build().Bytes;
    }

    private string PdfSig(byte[] pdf) => Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, fx.TempFile("check.pdf", pdf)).Output;
}
