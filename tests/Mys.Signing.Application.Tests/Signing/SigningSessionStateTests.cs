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

    private static PreparedItemState Prepared() => Prepared([9], [[10], [11]]);

    private static PreparedItemState Prepared(byte[] certificate, byte[][] chain)
    {
        const string Head = "\n1 0 obj <</Contents <";
        var appended = Encoding.ASCII.GetBytes(Head + new string('0', 16384) + ">>> endobj\n%%EOF\n");
        var pdf = Base.Concat(appended).ToArray();
        return new PreparedItemState(Guid.NewGuid(), Role.SpendingAuthority, "base-sha", Base.Length, new PadesPrepared
        {
            FieldName = SignerFields.SpendingAuthority,
            Pdf = pdf,
            ContentsOffset = Base.Length + Head.Length,
            ContentsHexLength = 16384,
            SignedAttributes = [1, 2, 3],
            DataToSign = [4, 5, 6],
            DocumentDigest = [7, 8],
            Digest = DigestAlgorithm.Sha384,
            Level = SignatureLevel.BaselineT,
            SignerCertificate = certificate,
            Chain = chain,
            SigningTime = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        });
    }

    private static List<StoredItemState> RoundTrip(params StoredItemState[] items) => SigningSessionFormat.Read(SigningSessionFormat.Write(items))!;

    [Fact]
    public async Task The_session_keeps_only_the_appended_bytes_without_the_placeholder_and_complete_gets_the_same_prepared_pdf_back()
    {
        var prepared = Prepared();

        var bytes = SigningSessionFormat.Write([prepared.ToStored()]);
        var stored = SigningSessionFormat.Read(bytes)!.Single();
        await using var basePdf = new MemoryStream(Base, writable: false);
        var back = await stored.WithBaseAsync(basePdf, default);

        bytes.Length.ShouldBeLessThan(200); // neither the base revision nor the 16,384 '0's of /Contents
        stored.HoleLength.ShouldBe(16384);
        stored.AppendedLength.ShouldBe(prepared.Prepared.Pdf.Length - Base.Length);
        stored.PaymentOrderId.ShouldBe(prepared.PaymentOrderId);
        stored.Role.ShouldBe(Role.SpendingAuthority);
        stored.BaseSha256.ShouldBe("base-sha");
        back.ShouldNotBeNull();
        back.Pdf.ShouldBe(prepared.Prepared.Pdf);
        back.AppendedAt.ShouldBe(0);
        back.FieldName.ShouldBe(SignerFields.SpendingAuthority);
        back.ContentsOffset.ShouldBe(prepared.Prepared.ContentsOffset);
        back.ContentsHexLength.ShouldBe(16384);
        back.SignedAttributes.ShouldBe(prepared.Prepared.SignedAttributes);
        back.DataToSign.ShouldBe(prepared.Prepared.DataToSign);
        back.DocumentDigest.ShouldBe(prepared.Prepared.DocumentDigest);
        back.Digest.ShouldBe(DigestAlgorithm.Sha384);
        back.Level.ShouldBe(SignatureLevel.BaselineT);
        back.SignerCertificate.ShouldBe([(byte)9]);
        back.Chain.Count.ShouldBe(2);
        back.SigningTime.ShouldBe(prepared.Prepared.SigningTime);
        back.SigningTime.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_state_prepared_with_only_the_appended_bytes_is_stored_as_the_whole_file_state_is()
    {
        var whole = Prepared();
        // What PadesService.PrepareAppended returns: the same state with only the bytes after the base.
        var appendedOnly = whole with
        {
            Prepared = new PadesPrepared
            {
                FieldName = whole.Prepared.FieldName,
                Pdf = whole.Prepared.Pdf[Base.Length..],
                AppendedAt = Base.Length,
                ContentsOffset = whole.Prepared.ContentsOffset,
                ContentsHexLength = whole.Prepared.ContentsHexLength,
                SignedAttributes = whole.Prepared.SignedAttributes,
                DataToSign = whole.Prepared.DataToSign,
                DocumentDigest = whole.Prepared.DocumentDigest,
                Digest = whole.Prepared.Digest,
                Level = whole.Prepared.Level,
                SignerCertificate = whole.Prepared.SignerCertificate,
                Chain = whole.Prepared.Chain,
                SigningTime = whole.Prepared.SigningTime,
            },
        };

        var stored = appendedOnly.ToStored();
        SigningSessionFormat.Write([stored]).ShouldBe(SigningSessionFormat.Write([whole.ToStored()]));
        await using var basePdf = new MemoryStream(Base, writable: false);
        var back = await RoundTrip(stored).Single().WithBaseAsync(basePdf, default);

        back.ShouldNotBeNull();
        back.AppendedAt.ShouldBe(0);
        back.Pdf.ShouldBe(whole.Prepared.Pdf);
    }

    [Fact]
    public async Task A_placeholder_that_is_not_all_zeros_is_kept_as_it_is()
    {
        var prepared = Prepared();
        prepared.Prepared.Pdf[prepared.Prepared.ContentsOffset + 100] = (byte)'A';

        var stored = RoundTrip(prepared.ToStored()).Single();
        await using var basePdf = new MemoryStream(Base, writable: false);
        var back = await stored.WithBaseAsync(basePdf, default);

        stored.HoleLength.ShouldBe(0);
        back!.Pdf.ShouldBe(prepared.Prepared.Pdf);
    }

    [Fact]
    public async Task The_certificate_and_chain_are_stored_once_per_session_and_given_back_to_every_item()
    {
        byte[] certificate = [.. Enumerable.Range(0, 900).Select(i => (byte)(i * 7))];
        byte[][] chain = [[.. Enumerable.Range(0, 700).Select(i => (byte)(i * 3))], [.. Enumerable.Range(0, 600).Select(i => (byte)(i * 5))]];
        var items = Enumerable.Range(0, 3).Select(_ => Prepared(certificate, chain)).ToList();

        var bytes = SigningSessionFormat.Write(items.Select(i => i.ToStored()).ToList());
        var back = SigningSessionFormat.Read(bytes)!;

        CountOf(bytes, certificate).ShouldBe(1);
        CountOf(bytes, chain[1]).ShouldBe(1);
        back.Select(i => i.PaymentOrderId).ShouldBe(items.Select(i => i.PaymentOrderId));
        foreach (var item in back)
        {
            await using var basePdf = new MemoryStream(Base, writable: false);
            var prepared = await item.WithBaseAsync(basePdf, default);
            prepared.ShouldNotBeNull();
            prepared.SignerCertificate.ShouldBe(certificate);
            prepared.Chain.ShouldBe(chain);
        }

        var other = Prepared([1, 2, 3], chain).ToStored();
        Should.Throw<ArgumentException>(() => SigningSessionFormat.Write([items[0].ToStored(), other]));
    }

    [Fact]
    public void A_session_stored_by_an_earlier_version_as_json_text_is_not_read()
    {
        // What the migration leaves of such a session: its JSON text as UTF-8 bytes.
        SigningSessionFormat.Read(Encoding.UTF8.GetBytes("""{"SignerCertificate":"CQ==","Chain":[],"Items":[]}""")).ShouldBeNull();
        SigningSessionFormat.Read(Encoding.UTF8.GetBytes("[]")).ShouldBeNull();
        SigningSessionFormat.Read([]).ShouldBeNull();
    }

    [Fact]
    public void A_cut_or_extended_state_is_refused_as_corrupt()
    {
        var bytes = SigningSessionFormat.Write([Prepared().ToStored(), Prepared().ToStored()]);

        Should.Throw<InvalidDataException>(() => SigningSessionFormat.Read(bytes[..^1]));
        Should.Throw<InvalidDataException>(() => SigningSessionFormat.Read(bytes[..40]));
        Should.Throw<InvalidDataException>(() => SigningSessionFormat.Read([.. bytes, 0]));
    }

    private static int CountOf(byte[] bytes, byte[] part)
    {
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(part); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(part) is var next and >= 0 ? at + 1 + next : -1)
        {
            count++;
        }

        return count;
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
