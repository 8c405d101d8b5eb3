using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Cli.Commands;

/// <summary>
/// <c>mys verify FILE [--trust ROOT.pem …] [--content FILE] [--json] [--offline]</c>: the same validator the server
/// uses, offline-capable. Exit codes follow the verdict: 0 TOTAL-PASSED, 1 TOTAL-FAILED, 2 INDETERMINATE.
/// </summary>
internal static class VerifyCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Indeterminate = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
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
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && file is null: file = a; break;
                default:
                    await stderr.WriteLineAsync($"mys verify: unknown argument '{args[i]}'");
                    return CommandLine.Usage;
            }
        }

        if (file is null || !File.Exists(file) || (content is not null && !File.Exists(content)))
        {
            await stderr.WriteLineAsync("mys verify: give an existing FILE (and --content FILE for a detached .p7s)");
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
        IRevocationDataClient revocation = offline ? new OfflineRevocationDataClient() : new HttpRevocationDataClient(http);
        var validator = new SignatureValidator(options, revocation, TimeProvider.System);
        var bytes = await File.ReadAllBytesAsync(file);
        ValidationReport report;
        if (content is not null)
        {
            report = await validator.ValidateCadesAsync(bytes, await File.ReadAllBytesAsync(content));
        }
        else if (bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            report = await validator.ValidatePdfAsync(bytes);
        }
        else if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            var seal = new SignatureValidator(AsicContainerValidator.SealOptions(options), revocation, TimeProvider.System);
            report = await new AsicContainerValidator(validator, seal, TimeProvider.System).ValidateAsync(new MemoryStream(bytes));
        }
        else
        {
            await stderr.WriteLineAsync("mys verify: not a PDF; for a CAdES .p7s give the signed file with --content or an .asice bundle");
            return CommandLine.Usage;
        }

        await stdout.WriteLineAsync(json ? report.ToJson() : Describe(report));
        return report.Indication switch
        {
            Indication.TotalPassed => Passed,
            Indication.TotalFailed => Failed,
            _ => Indeterminate,
        };
    }

    private static string Describe(ValidationReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Verdict(report.Indication)} — {report.Message}");
        foreach (var s in report.Signatures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {s.FieldName ?? s.Kind}: {Verdict(s.Indication)}{(s.SubIndication.ToString() == "None" ? string.Empty : " / " + s.SubIndication)} — {s.Message}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    imzalayan: {s.SignerName ?? "?"} (T.C. {s.Tckn ?? "?"}), seviye {s.Level}, nitelikli: {(s.Qualified ? "evet" : "hayır")}, zaman damgası: {s.TimeStampTime?.ToString("u", CultureInfo.InvariantCulture) ?? "yok"}");
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
