using System.Text;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Tests.Signing;

/// <summary>What a signing session keeps of a prepared ÖEB, and how complete gets the prepared PDF back from it.</summary>
public sealed class SigningSessionStateTests
{
    private static readonly byte[] Base = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 5000) + "\n%%EOF\n");

    private static PreparedItemState Prepared()
    {
        var appended = Encoding.ASCII.GetBytes("\n1 0 obj <</Contents <" + new string('0', 16384) + ">>> endobj\n%%EOF\n");
        var pdf = Base.Concat(appended).ToArray();
        return new PreparedItemState(Guid.NewGuid(), Role.SpendingAuthority, "base-sha", Base.Length, new PadesPrepared
        {
            FieldName = SignerFields.SpendingAuthority,
            Pdf = pdf,
            ContentsOffset = Base.Length + 20,
            ContentsHexLength = 16384,
            SignedAttributes = [1, 2, 3],
            DataToSign = [4, 5, 6],
            DocumentDigest = [7, 8],
            Digest = DigestAlgorithm.Sha384,
            Level = SignatureLevel.BaselineT,
            SignerCertificate = [9],
            Chain = [[10], [11]],
            SigningTime = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        });
    }

    [Fact]
    public async Task The_session_keeps_only_the_appended_bytes_and_complete_gets_the_same_prepared_pdf_back()
    {
        var prepared = Prepared();

        var stored = StoredItemState.Deserialize(StoredItemState.Serialize([prepared.ToStored()])).Single();
        await using var basePdf = new MemoryStream(Base, writable: false);
        var back = await stored.WithBaseAsync(basePdf, default);

        stored.Appended.Length.ShouldBeLessThan(1024); // deflated zero-filled /Contents
        stored.Prepared.ShouldNotContain(Convert.ToBase64String(Base[..64]));
        stored.PaymentOrderId.ShouldBe(prepared.PaymentOrderId);
        stored.Role.ShouldBe(Role.SpendingAuthority);
        back.ShouldNotBeNull();
        back.Pdf.ShouldBe(prepared.Prepared.Pdf);
        back.ContentsOffset.ShouldBe(prepared.Prepared.ContentsOffset);
        back.DataToSign.ShouldBe(prepared.Prepared.DataToSign);
        back.Digest.ShouldBe(DigestAlgorithm.Sha384);
        back.Chain.Count.ShouldBe(2);
        back.SigningTime.ShouldBe(prepared.Prepared.SigningTime);
    }

    [Fact]
    public async Task A_session_stored_before_the_appended_length_was_recorded_still_completes()
    {
        var prepared = Prepared();
        var current = prepared.ToStored();
        current.AppendedLength.ShouldBe(prepared.Prepared.Pdf.Length - Base.Length);
        // The JSON an earlier version stored: no AppendedLength.
        var json = StoredItemState.Serialize([current]).Replace(",\"AppendedLength\":" + current.AppendedLength, string.Empty, StringComparison.Ordinal);
        json.ShouldNotContain("AppendedLength");
        var old = StoredItemState.Deserialize(json).Single();
        await using var basePdf = new MemoryStream(Base, writable: false);

        var back = await old.WithBaseAsync(basePdf, default);

        old.AppendedLength.ShouldBe(0);
        back.ShouldNotBeNull();
        back.Pdf.ShouldBe(prepared.Prepared.Pdf);
    }

    [Fact]
    public async Task Appended_bytes_that_inflate_to_more_than_recorded_are_refused_as_corrupt()
    {
        var stored = Prepared().ToStored();
        var wrong = stored with { AppendedLength = stored.AppendedLength - 1 };
        await using var basePdf = new MemoryStream(Base, writable: false);

        await Should.ThrowAsync<InvalidDataException>(() => wrong.WithBaseAsync(basePdf, default));
    }

    [Fact]
    public async Task A_base_revision_of_another_length_gives_nothing_back()
    {
        var stored = Prepared().ToStored();
        await using var shorter = new MemoryStream(Base[..^1], writable: false);

        (await stored.WithBaseAsync(shorter, default)).ShouldBeNull();
    }

    [Fact]
    public void The_domain_signer_fields_are_the_fields_the_rendered_form_carries()
    {
        SignerStep.Realization.Field.ShouldBe(SignerFields.RealizationOfficer);
        SignerStep.SpendingAuthority.Field.ShouldBe(SignerFields.SpendingAuthority);
        SignerStep.AccountingOfficer.Field.ShouldBe(SignerFields.AccountingOfficer);
    }
}
