using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.Verification;

/// <summary>
/// Every finding code the validator can write has a Turkish sentence beside it (docs/ui-words.md; issue 19: the review
/// showed "(UNSIGNED_BYTES_AFTER_LAST_REVISION)" bare). The codes are read from the validator's own source (each
/// string literal that starts with an UPPER_SNAKE code, as "CODE" or "CODE: detail") and, by reflection, from the
/// machine names of its sub-indications and attachment statuses, so a code added there without a sentence fails here.
/// </summary>
public sealed partial class FindingWordsTests
{
    private static readonly string[] ValidatorFolders = ["Validation", "Asic"];

    [Fact]
    public void Every_code_the_validator_writes_has_a_turkish_sentence()
    {
        var codes = SourceCodes().Concat(EnumCodes(typeof(SubIndication))).Concat(EnumCodes(typeof(AttachmentStatus))).ToHashSet(StringComparer.Ordinal);

        codes.Count.ShouldBeGreaterThan(60, "the scan found the validator's codes");
        codes.ShouldContain("UNSIGNED_BYTES_AFTER_LAST_REVISION");
        codes.ShouldContain("PAGE_ADDED");
        codes.Where(c => !FindingWords.Explains(c)).Order(StringComparer.Ordinal).ShouldBeEmpty("codes without a Turkish sentence in FindingWords");
    }

    [Fact]
    public void Every_sentence_is_a_turkish_sentence_and_names_no_code()
    {
        foreach (var code in FindingWords.Codes)
        {
            var sentence = FindingWords.Sentence(code);
            TurkishWord().IsMatch(sentence).ShouldBeTrue(code);
            sentence.ShouldEndWith(".", customMessage: code);
            Code().IsMatch(sentence).ShouldBeFalse(code);
        }
    }

    [Fact]
    public void Findings_read_as_their_sentences_then_their_codes_without_the_english_detail()
    {
        var text = FindingWords.Explain(["PAGE_ADDED: page 2", "PERMITTED_CHANGE: SIGNATURE_FIELD_SIGNED: HarcamaYetkilisi", "PAGE_ADDED: page 3"]);

        text.ShouldBe("İmzadan sonra belgeye sayfa eklenmiş. İmzadan sonra izin verilen bir değişiklik yapılmış (sonraki imza, doğrulama verisi veya zaman damgası). (kod: PAGE_ADDED, PERMITTED_CHANGE)");
        FindingWords.Explain([]).ShouldBeEmpty();
        FindingWords.Sentence("SOMETHING_NEW: x").ShouldBe("Doğrulamada bir bulgu kaydedildi.");
    }

    [Fact]
    public void A_sentence_the_reason_already_words_with_its_numbers_is_not_repeated()
    {
        const string reason = "Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı 94 bayt eklenmiş.";

        FindingWords.Explain(["UNSIGNED_BYTES_AFTER_LAST_REVISION: 94 bytes after offset 119436"], reason)
            .ShouldBe("(kod: UNSIGNED_BYTES_AFTER_LAST_REVISION)");
        FindingWords.Explain(["UNSIGNED_BYTES_AFTER_LAST_REVISION: 94 bytes after offset 119436", "PAGE_ADDED: page 2"], reason)
            .ShouldBe("İmzadan sonra belgeye sayfa eklenmiş. (kod: UNSIGNED_BYTES_AFTER_LAST_REVISION, PAGE_ADDED)");
        FindingWords.Explain(["UNSIGNED_BYTES_AFTER_LAST_REVISION"], "İmza geçersiz.")
            .ShouldStartWith("Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı baytlar eklenmiş.");
    }

    private static IEnumerable<string> SourceCodes()
    {
        var root = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Signatures");
        return ValidatorFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => CodeLiteral().Matches(File.ReadAllText(file)).Select(m => m.Groups["code"].Value));
    }

    private static IEnumerable<string> EnumCodes(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name)
            .Where(name => name is not null && Code().IsMatch(name))
            .Select(name => name!);

    // A string literal (plain or interpolated) that starts with a code: "PAGE_ADDED", "PDF_UNREADABLE: ", $"FIELD_LOCKED: {…}".
    [GeneratedRegex(@"\$?""(?<code>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:""|:)")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|\b[A-Z]{2,}_[A-Z_]+\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\p{Ll}{3,}")]
    private static partial Regex TurkishWord();
}
