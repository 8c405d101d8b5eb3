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
            SignerCertificate = certificate,
            Chain = chain,
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
        stored.Appended.ShouldBe(whole.ToStored().Appended);
        stored.Prepared.ShouldBe(whole.ToStored().Prepared);
        stored.Prepared.ShouldNotContain("AppendedAt");
        await using var basePdf = new MemoryStream(Base, writable: false);
        var back = await StoredItemState.Deserialize(StoredItemState.Serialize([stored])).Single().WithBaseAsync(basePdf, default);

        back.ShouldNotBeNull();
        back.AppendedAt.ShouldBe(0);
        back.Pdf.ShouldBe(whole.Prepared.Pdf);
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
    public async Task The_certificate_and_chain_are_stored_once_per_session_and_given_back_to_every_item()
    {
        byte[] certificate = [.. Enumerable.Range(0, 900).Select(i => (byte)(i * 7))];
        byte[][] chain = [[.. Enumerable.Range(0, 700).Select(i => (byte)(i * 3))], [.. Enumerable.Range(0, 600).Select(i => (byte)(i * 5))]];
        var items = Enumerable.Range(0, 3).Select(_ => Prepared(certificate, chain)).ToList();

        var json = StoredItemState.Serialize(items.Select(i => i.ToStored()));
        var back = StoredItemState.Deserialize(json);

        CountOf(json, Convert.ToBase64String(certificate)).ShouldBe(1);
        CountOf(json, Convert.ToBase64String(chain[1])).ShouldBe(1);
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
        Should.Throw<ArgumentException>(() => StoredItemState.Serialize([items[0].ToStored(), other]));
    }

    [Fact]
    public async Task A_session_stored_as_a_list_of_items_each_with_its_certificate_still_completes()
    {
        var prepared = Prepared();
        var stored = prepared.ToStored();
        // The JSON an earlier version stored: a list, each item's PAdES state with the certificate and chain.
        var state = System.Text.Json.JsonSerializer.Deserialize<PadesPrepared>(stored.Prepared)!;
        var legacy = new PadesPrepared
        {
            FieldName = state.FieldName, ContentsOffset = state.ContentsOffset, ContentsHexLength = state.ContentsHexLength,
            SignedAttributes = state.SignedAttributes, DataToSign = state.DataToSign, DocumentDigest = state.DocumentDigest, Digest = state.Digest,
            Level = state.Level, SignerCertificate = [9], Chain = [[10], [11]], SigningTime = state.SigningTime,
        };
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { stored with { Prepared = legacy.ToJson() } });
        var old = StoredItemState.Deserialize(json).Single();
        await using var basePdf = new MemoryStream(Base, writable: false);

        var back = await old.WithBaseAsync(basePdf, default);

        old.SignerCertificate.ShouldBeNull();
        back.ShouldNotBeNull();
        back.Pdf.ShouldBe(prepared.Prepared.Pdf);
        back.SignerCertificate.ShouldBe([(byte)9]);
        back.Chain.Count.ShouldBe(2);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
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
