using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Tests.Verification;

public class AttachmentHashCheckTests
{
    private static AttachmentFile File(string name, string? key) => new(Guid.NewGuid(), name, "application/pdf", 10, key);

    [Fact]
    public void A_file_is_presented_under_its_signed_name_with_the_hash_of_what_the_store_holds()
    {
        var stored = new Dictionary<string, string> { ["key-a"] = "hash-of-stored-a" };

        var presented = AttachmentHashCheck.Presented([File("a.pdf", "key-a")], stored);

        presented.ShouldBe(new Dictionary<string, string> { ["a.pdf"] = "hash-of-stored-a" });
    }

    [Fact]
    public void A_row_without_a_key_or_without_stored_content_presents_nothing()
    {
        var stored = new Dictionary<string, string> { ["key-a"] = "hash-a" };

        var presented = AttachmentHashCheck.Presented([File("unbound.xml", null), File("gone.pdf", "key-gone"), File("a.pdf", "key-a")], stored);

        presented.Keys.ShouldBe(["a.pdf"]);
    }

    [Fact]
    public void Only_a_match_is_silent()
    {
        AttachmentReport[] results =
        [
            new("a.pdf", "aa", "aa", AttachmentStatus.Match, "Ek dosya imzalı belgedeki özetle eşleşiyor."),
            new("b.pdf", "bb", "cc", AttachmentStatus.Mismatch, "Ek dosya değiştirilmiş (SHA-256 tutmuyor): b.pdf"),
        ];

        AttachmentHashCheck.Problems(results).ShouldBe(["Ek dosya değiştirilmiş (SHA-256 tutmuyor): b.pdf"]);
    }

    [Fact]
    public void A_missing_file_a_missing_signed_hash_and_an_unlisted_file_are_each_a_problem()
    {
        AttachmentReport[] results =
        [
            new("gone.pdf", "aa", null, AttachmentStatus.Missing, "Ek dosya bulunamadı: gone.pdf"),
            new("unbound.xml", null, "bb", AttachmentStatus.SignedHashMissing, "İmzalı özet eksik: unbound.xml"),
            new("extra.pdf", null, "cc", AttachmentStatus.NotListed, "Ek dosya imzalı ekler tablosunda yok: extra.pdf"),
        ];

        AttachmentHashCheck.Problems(results).Count().ShouldBe(3);
    }
}
