using System.Security.Cryptography;
using System.Text;
using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Tests.Verification;

public class SignedRevisionCheckTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7 first revision %%EOF second revision %%EOF");
    private const int FirstRevisionEnd = 29;

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void A_signature_that_produced_the_recorded_revision_holds_in_either_hex_case()
    {
        var recorded = Sha256(Pdf.AsSpan(0, FirstRevisionEnd));

        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, FirstRevisionEnd, recorded).ShouldBeNull();
        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, FirstRevisionEnd, recorded.ToUpperInvariant()).ShouldBeNull();
    }

    [Fact]
    public void A_signature_over_another_revision_does_not_hold()
    {
        var recorded = Sha256(Pdf.AsSpan(0, FirstRevisionEnd));

        SignedRevisionCheck.Problem(SignerFields.SpendingAuthority, Pdf, Pdf.Length, recorded)
            .ShouldBe("Harcama Yetkilisi imzasının imzaladığı sürüm ÖEB'de kayıtlı sürümle aynı değil.");
    }

    [Fact]
    public void A_record_without_a_reference_never_holds()
    {
        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, FirstRevisionEnd, string.Empty).ShouldNotBeNull();
        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, FirstRevisionEnd, null).ShouldNotBeNull();
    }

    [Fact]
    public void A_byte_range_outside_the_file_is_clamped_to_it_not_a_crash()
    {
        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, -5, Sha256(Pdf)).ShouldNotBeNull();
        SignedRevisionCheck.Problem(SignerFields.RealizationOfficer, Pdf, Pdf.Length + 100, Sha256(Pdf)).ShouldBeNull();
    }
}
