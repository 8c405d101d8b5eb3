using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Cli.Commands;

/// <summary>
/// <c>mys verify FILE… [--trust ROOT.pem …] [--content FILE] [--json] [--offline]</c>: the same validator the server
/// uses, offline-capable, over one or many files in one process. Exit codes follow the worst verdict:
/// 0 TOTAL-PASSED, 1 TOTAL-FAILED, 2 INDETERMINATE; 64 when a FILE is neither a PDF nor a bundle (the others are still
/// verified and printed).
/// </summary>
internal static class VerifyCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Indeterminate = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<string>();
        string? content = null;
        var trust = new List<string>();
        var json = false;
        var offline = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--trust" when i + 1 < args.Length: trust.Add(args[++i]); break;
                case "--content" when i + 1 < args.Length: content = args[++i]; break;
                case "--json": json = true; break;
                case "--offline": offline = true; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal): files.Add(a); break;
                default:
                    await stderr.WriteLineAsync($"mys verify: unknown argument '{args[i]}'");
                    return CommandLine.Usage;
            }
        }

        if (files.Count == 0 || files.Any(f => !File.Exists(f)) || (content is not null && (!File.Exists(content) || files.Count > 1)))
        {
            await stderr.WriteLineAsync("mys verify: give existing FILEs (and, for one detached .p7s, --content FILE)");
            return CommandLine.Usage;
        }

        var options = new ValidationOptions();
        foreach (var pem in trust)
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(pem);
            foreach (var anchor in anchors)
            {
                options.TrustAnchors.Add(anchor.RawData);
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        // One OCSP/CRL fetch per responder and certificate for the whole run, however many files share them.
        IRevocationDataClient revocation = offline
            ? new OfflineRevocationDataClient()
            : new CachingRevocationDataClient(new HttpRevocationDataClient(http), TimeProvider.System, TimeSpan.FromMinutes(5));
        var validator = new SignatureValidator(options, revocation, TimeProvider.System);
        var seal = new SignatureValidator(AsicContainerValidator.SealOptions(options), revocation, TimeProvider.System);
        var worst = Indication.TotalPassed;
        var unrecognised = false;
        // Files are independent: validate a batch on every core, then print it in the order given. One bad file never
        // stops the others: it gets its own verdict and the run goes on.
        foreach (var batch in files.Chunk(64))
        {
            var reports = new ValidationReport?[batch.Length];
            await Parallel.ForAsync(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                async (i, _) => reports[i] = await ValidateOneAsync(batch[i], content, validator, seal, stderr));
            for (var i = 0; i < batch.Length; i++)
            {
                var report = reports[i];
                if (report is null)
                {
                    await stderr.WriteLineAsync($"mys verify: {batch[i]} is not a PDF or an .asice bundle; for a CAdES .p7s give the signed file with --content");
                    unrecognised = true;
                    continue;
                }

                if (files.Count > 1)
                {
                    await stdout.WriteLineAsync(json ? string.Empty : batch[i] + ":");
                }

                await stdout.WriteLineAsync(json ? report.ToJson() : Describe(report));
                if (Severity(report.Indication) > Severity(worst))
                {
                    worst = report.Indication;
                }
            }
        }

        if (unrecognised)
        {
            return CommandLine.Usage;
        }

        return worst switch
        {
            Indication.TotalPassed => Passed,
            Indication.TotalFailed => Failed,
            _ => Indeterminate,
        };

        static int Severity(Indication indication) => indication switch
        {
            Indication.TotalPassed => 0,
            Indication.Indeterminate => 1,
            _ => 2,
        };
    }

    /// <summary>
    /// Validates one file; whatever goes wrong with it (unreadable file, a bug the file triggers) becomes that file's
    /// INDETERMINATE verdict with the reason, so a batch always finishes.
    /// </summary>
    private static async Task<ValidationReport?> ValidateOneAsync(string file, string? content, SignatureValidator validator, SignatureValidator seal,
        TextWriter stderr)
    {
        try
        {
            return await ValidateAsync(file, content, validator, seal);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (stderr)
            {
                stderr.WriteLine($"mys verify: {file}: {ex.GetType().Name}: {ex.Message}");
            }

            var report = new ValidationReport
            {
                Indication = Indication.Indeterminate,
                ValidationTime = DateTimeOffset.UtcNow,
                Message = "Dosya doğrulanırken beklenmeyen bir hata oluştu; sonuç belirlenemedi.",
            };
            report.Findings.Add((ex is IOException or UnauthorizedAccessException ? "FILE_UNREADABLE: " : "VERIFY_ERROR: ") + ex.GetType().Name);
            return report;
        }
    }

    private static async Task<ValidationReport?> ValidateAsync(string file, string? content, SignatureValidator validator, SignatureValidator seal)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        if (content is not null)
        {
            return await validator.ValidateCadesAsync(bytes, await File.ReadAllBytesAsync(content));
        }

        // A bundle first: an .asice stores oeb.pdf uncompressed, so "%PDF-" appears within its first kilobyte too.
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return await new AsicContainerValidator(validator, seal, TimeProvider.System).ValidateAsync(new MemoryStream(bytes));
        }

        // Readers accept up to 1,024 bytes of junk before the header; so does the PDF reader behind the validator.
        return bytes.AsSpan(0, Math.Min(bytes.Length, 1024 + 5)).IndexOf("%PDF-"u8) >= 0
            ? await validator.ValidatePdfAsync(bytes)
            : null;
    }

    private static string Describe(ValidationReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Verdict(report.Indication)} — {report.Message}");
        foreach (var s in report.Signatures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {s.FieldName ?? s.Kind}: {Verdict(s.Indication)}{(s.SubIndication == SubIndication.None ? string.Empty : " / " + Verdicts.Name(s.SubIndication))} — {s.Reason}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    imzalayan: {s.SignerName ?? "?"} (T.C. {s.Tckn ?? "?"}), seviye {s.Level}, nitelikli: {(s.Qualified ? "evet" : "hayır")}, zaman damgası: {s.TimeStampTime?.ToString("u", CultureInfo.InvariantCulture) ?? "yok"}");
            if (s.Findings.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    bulgular: {string.Join("; ", s.Findings)}");
            }
        }

        foreach (var finding in report.Findings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  not: {finding}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Verdict(Indication indication) => indication switch
    {
        Indication.TotalPassed => "TOTAL-PASSED",
        Indication.TotalFailed => "TOTAL-FAILED",
        _ => "INDETERMINATE",
    };
}
