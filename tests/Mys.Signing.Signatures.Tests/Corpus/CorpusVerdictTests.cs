using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Signatures.Tests.Corpus;

/// <summary>
/// Every file of the verification corpus (tests/corpus, see docs/verification-corpus.md) gets the verdict its manifest
/// entry promises: intact files never fail, attacks fail with a finding naming the change, broken files neither pass
/// nor crash the validator.
/// </summary>
public sealed class CorpusVerdictTests
{
    /// <summary>Inside the corpus certificates' and CRLs' validity, so the corpus does not age.</summary>
    private static readonly DateTimeOffset ValidationTime = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Attack classes (PDF-Insecurity and others) and parser hazards the corpus must keep covering.</summary>
    private static readonly string[] RequiredClasses =
    [
        "USF", "ISA", "SWA", "SHADOW-HIDE", "SHADOW-REPLACE", "SHADOW-HIDE-AND-REPLACE", "EAA", "SSA", "SIGDICT-REWRITE", "ACTION", "RESOURCES",
        "FIELDMDP", "CMS-ENCAPSULATED", "CMS-EMPTY", "FLIP-SIGNED-RANGE", "FLIP-SIGNATURE-VALUE", "FLIP-MESSAGE-DIGEST", "BROKEN-XREF-LOOP",
        "BROKEN-XREF-STREAM", "BROKEN-UNKNOWN-FILTER", "BROKEN-DEEP-NESTING", "BROKEN-TRUNCATED", "CADES-CONTENT-CHANGED",
    ];

    /// <summary>Intact variants (by file name) that show the validator accepts what independent signers make.</summary>
    private static readonly string[] RequiredIntactVariants =
    [
        "rsa-sha256", "rsa-sha384", "rsa-sha512", "rsa-sha3-256", "rsa-pss", "ecdsa-p256", "ecdsa-p384", "ed25519", "ed448", "adbe-pkcs7-sha1",
        "cades-rsa", "two-signatures-new-field", "two-signatures-prepared-fields", "certify-p1", "certify-p2-fill-sign", "certify-p3-annotate-sign",
        "doc-timestamp", "dss", "encrypted-aes128", "encrypted-aes256", "xref-stream", "junk-before-header", "pdfsig-", "openssl-rsa-sha256.p7s",
    ];

    private static readonly string[] Folders = ["intact", "attack", "broken", "cades"];

    /// <summary>Finding-code prefixes the validator reports (issue 15); a manifest code outside this list is a typo.</summary>
    private static readonly HashSet<string> KnownCodes =
    [
        "BYTE_RANGE_INVALID", "BYTE_RANGE_NOT_AT_REVISION_END", "CONTENTS_NOT_HEX", "CMS_UNREADABLE", "CMS_EMPTY", "CMS_CONTENT_NOT_DETACHED",
        "MESSAGE_DIGEST_MISMATCH", "SIGNATURE_VALUE_INVALID", "PAGE_CONTENT_CHANGED", "PAGE_ADDED", "PAGE_REMOVED", "PAGES_REORDERED",
        "RESOURCES_CHANGED", "ANNOTATION_ADDED", "ANNOTATION_CHANGED", "ANNOTATION_REMOVED", "FORM_FIELD_CHANGED", "FIELD_LOCKED",
        "SIGNATURE_DICTIONARY_CHANGED", "CATALOG_CHANGED", "ACTION_ADDED", "OBJECT_OVERRIDDEN", "TRAILER_ROOT_CHANGED",
        "CERTIFICATION_NO_CHANGES_PERMITTED", "UNSIGNED_BYTES_AFTER_LAST_REVISION", "REVISION_INCOMPLETE", "PDF_UNREADABLE",
        "PDF_ENCRYPTED_UNSUPPORTED",
    ];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var c in CorpusManifest.Cases)
        {
            data.Add(c.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_corpus_file_gets_its_expected_verdict(string file)
    {
        var expected = CorpusManifest.Get(file);
        if (expected.Category != "intact" && !await AllHostileFilesSurviveAsync())
        {
            // A hostile file must not take the process down (a stack overflow cannot be caught in .NET): this one alone, in a child process.
            var (exitCode, output) = await RunIsolatedAsync([Path.Combine(CorpusManifest.Folder, expected.File)], expected.Content);
            exitCode.ShouldBeOneOf([0, 1, 2], $"the validator process (mys verify) crashed or hung on {file}:\n{output}");
        }

        var report = await Task.Run(() => ValidateAsync(expected)).WaitAsync(Patience);
        var json = report.ToJson();
        var findings = report.Findings.Concat(report.Signatures.SelectMany(s => s.Findings)).ToList();
        var named = expected.Codes.Count == 0 || findings.Any(f => expected.Codes.Any(code => f.StartsWith(code, StringComparison.Ordinal)));

        switch (expected.Expect)
        {
            case "PASSED_OR_INDETERMINATE":
                report.Indication.ShouldNotBe(Indication.TotalFailed, $"{expected.Note}\n{json}");
                if (expected.Signatures is { } count)
                {
                    report.Signatures.Count.ShouldBe(count, json);
                }

                break;
            case "FAILED":
                report.Indication.ShouldBe(Indication.TotalFailed, $"{expected.Note}\n{json}");
                break;
            case "INDETERMINATE":
                report.Indication.ShouldBe(Indication.Indeterminate, $"{expected.Note}\n{json}");
                break;
            case "FAILED_OR_INDETERMINATE":
                report.Indication.ShouldNotBe(Indication.TotalPassed, $"{expected.Note}\n{json}");
                break;
            default:
                throw new InvalidOperationException("Unknown expectation " + expected.Expect);
        }

        named.ShouldBeTrue($"no finding starts with {string.Join(" or ", expected.Codes)}: {expected.Note}\n{json}");
    }

    [Fact]
    public void The_manifest_describes_every_corpus_file_and_covers_every_class()
    {
        var listed = CorpusManifest.Cases.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        var contents = CorpusManifest.Cases.Where(c => c.Content is not null).Select(c => c.Content!).ToHashSet(StringComparer.Ordinal);
        var onDisk = Folders
            .SelectMany(sub => Directory.EnumerateFiles(Path.Combine(CorpusManifest.Folder, sub), "*", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(CorpusManifest.Folder, path).Replace('\\', '/'))
            .Where(path => !contents.Contains(path))
            .ToHashSet(StringComparer.Ordinal);

        onDisk.Except(listed).ShouldBeEmpty("files without a manifest entry");
        listed.Except(onDisk).ShouldBeEmpty("manifest entries without a file");
        contents.Where(c => !File.Exists(Path.Combine(CorpusManifest.Folder, c))).ShouldBeEmpty("missing CAdES content files");
        RequiredClasses.Except(CorpusManifest.Cases.Select(c => c.Class)).ShouldBeEmpty("attack classes without a case");
        RequiredIntactVariants.Where(v => !CorpusManifest.Cases.Any(c => c.Category == "intact" && c.File.Contains(v, StringComparison.Ordinal)))
            .ShouldBeEmpty("intact variants without a case");
        CorpusManifest.Cases.SelectMany(c => c.Codes).Where(code => !KnownCodes.Contains(code)).ShouldBeEmpty("unknown finding codes");
        CorpusManifest.Cases.Where(c => c.Category != "intact" && c.Codes.Count == 0).ShouldBeEmpty("attacks must name the expected reason");
        CorpusManifest.Cases.Where(c => c.Category == "intact" && c.Expect != "PASSED_OR_INDETERMINATE").ShouldBeEmpty("intact files must not be expected to fail");
        CorpusManifest.Cases.Where(c => c.Category == "attack" && c.Expect != "FAILED").ShouldBeEmpty("attacks must be expected to fail");
    }

    private static readonly Lazy<Task<bool>> HostileBatch = new(async () =>
    {
        var pdfs = CorpusManifest.Cases.Where(c => c.Category != "intact" && c.Content is null).Select(c => Path.Combine(CorpusManifest.Folder, c.File));
        return (await RunIsolatedAsync([.. pdfs], null)).ExitCode is 0 or 1 or 2;
    });

    /// <summary>One child process over every non-intact PDF; only when it dies is each file tried alone (to name the culprit).</summary>
    private static Task<bool> AllHostileFilesSurviveAsync() => HostileBatch.Value;

    /// <summary>Runs <c>mys verify</c> (the CLI next to the test assembly) on the files; exit code 0/1/2 is a verdict, anything else a crash.</summary>
    private static async Task<(int ExitCode, string Output)> RunIsolatedAsync(IReadOnlyList<string> files, string? content)
    {
        List<string> arguments = ["verify", .. files, "--trust", Path.Combine(CorpusManifest.Folder, "pki", "root.crt.pem"), "--offline"];
        if (content is not null)
        {
            arguments.Add("--content");
            arguments.Add(Path.Combine(CorpusManifest.Folder, content));
        }

        var limit = Patience * Math.Max(1, files.Count / 4);
        var result = await ExternalTools.RunAsync(
            new ToolCommand(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "mys.exe" : "mys"), arguments) { Timeout = limit });
        if (result.TimedOut)
        {
            return (-1, "no verdict within " + limit);
        }

        var output = result.Output;
        return (result.ExitCode, output.Length > 3000 ? output[..1500] + "\n…\n" + output[^1500..] : output);
    }

    private static Task<ValidationReport> ValidateAsync(CorpusCase expected)
    {
        var options = new ValidationOptions();
        options.TrustAnchors.Add(CorpusManifest.Read("pki/root.crt.der"));
        var validator = new SignatureValidator(options, new CorpusRevocationDataClient(), new FakeTimeProvider(ValidationTime));
        return expected.Content is { } content
            ? validator.ValidateCadesAsync(CorpusManifest.Read(expected.File), CorpusManifest.Read(content))
            : validator.ValidatePdfAsync(CorpusManifest.Read(expected.File));
    }
}
