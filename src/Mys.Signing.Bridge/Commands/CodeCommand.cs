using System.Globalization;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Pkcs11;

namespace Mys.Signing.Bridge.Commands;

/// <summary>Arguments of <c>mys-bridge code --server URL [--code 15-digits] [--certificate N] [--yes]</c>.</summary>
public sealed record CodeArguments(Uri Server, string? Code, int? CertificateNumber, bool AssumeYes)
{
    public static CodeArguments? Parse(IReadOnlyList<string> args, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        string? server = null, code = null;
        int? number = null;
        var yes = false;
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--server": server = value; i++; break;
                case "--code": code = value; i++; break;
                case "--certificate" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n): number = n; i++; break;
                case "--yes": yes = true; break;
                case "--module" or "--port": i++; break; // read by the configuration
                default:
                    error($"Bilinmeyen ya da eksik argüman: {args[i]}");
                    return null;
            }
        }

        if (server is null || !Uri.TryCreate(server, UriKind.Absolute, out var uri))
        {
            error("Kullanım: mys-bridge code --server https://mys.example.gov.tr [--code 123456789012345] [--certificate 1] [--yes]");
            return null;
        }

        return new CodeArguments(uri, code, number, yes);
    }
}

/// <summary>
/// The verification-code fallback on the signer's computer: the user types the code the MYS page shows; the bridge
/// fetches the job from the server (only an allowed origin, HTTPS unless loopback), shows what will be signed,
/// asks for the PIN, signs with the card and posts the signatures back. The page then updates by itself.
/// </summary>
public sealed class CodeCommand(ModuleProvider modules, CardSigner signer, IOptions<BridgeOptions> options, HttpClient http, ICodeConsole console)
{
    private const int MaxPinAttempts = 3;
    private readonly CodeFlowClient _client = new(http, options);

    public async Task<int> RunAsync(CodeArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (_client.RefuseServer(args.Server) is { } refused)
        {
            return Fail(refused);
        }

        var code = CodeFlowClient.NormalizeCode(args.Code ?? console.ReadLine("MYS sayfasındaki 15 haneli doğrulama kodu: "));
        if (code is null)
        {
            return Fail("Doğrulama kodu 15 rakamdan oluşmalı.");
        }

        var certificate = await ChooseCertificateAsync(args.CertificateNumber, cancellationToken);
        if (certificate is null)
        {
            return 1;
        }

        var (job, jobError) = await _client.FetchJobAsync(args.Server, code, certificate.Der, cancellationToken);
        if (job is null)
        {
            return Fail(jobError!);
        }

        console.WriteLine($"Sunucu: {job.Origin}");
        console.WriteLine($"İmzalayan: {job.SignerName} ({certificate.Description.Tckn})");
        console.WriteLine($"İmzalanacak {job.Items.Count.ToString(CultureInfo.InvariantCulture)} belge:");
        foreach (var item in job.Items)
        {
            console.WriteLine("  - " + item);
        }

        if (!args.AssumeYes && console.ReadLine("Bu belgeleri imzalamak istiyor musunuz? (e/h): ")?.Trim() is not ("e" or "E" or "evet"))
        {
            return Fail("İmzalama iptal edildi; sayfadan yeni kod alabilirsiniz.");
        }

        var signed = await SignWithPinAsync(new SignCommand(certificate.Der, job.Algorithm, job.Digests), cancellationToken);
        if (signed is null)
        {
            return 1;
        }

        var (count, completeError) = await _client.CompleteAsync(args.Server, code, certificate.Der, signed.Signatures, cancellationToken);
        if (completeError is not null)
        {
            return Fail(completeError);
        }

        console.WriteLine($"{count.ToString(CultureInfo.InvariantCulture)} belge imzalandı. MYS sayfası kendiliğinden güncellenecek.");
        return 0;
    }

    private async Task<CardCertificate?> ChooseCertificateAsync(int? number, CancellationToken cancellationToken)
    {
        var listed = await modules.ListCertificatesAsync(cancellationToken);
        if (!listed.IsSuccess)
        {
            Fail(listed.Error!.Message + " " + listed.Error.NextStep);
            return null;
        }

        var certificates = listed.Value;
        for (var i = 0; i < certificates.Count; i++)
        {
            var d = certificates[i].Description;
            console.WriteLine($"{(i + 1).ToString(CultureInfo.InvariantCulture)}) {d.Subject} — {d.Issuer}, son geçerlilik {d.NotAfter.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("tr-TR"))}");
        }

        var choice = number ?? (certificates.Count == 1 ? 1
            : int.TryParse(console.ReadLine("Sertifika numarası: "), NumberStyles.None, CultureInfo.InvariantCulture, out var typed) ? typed : 0);
        if (choice < 1 || choice > certificates.Count)
        {
            Fail("Geçerli bir sertifika numarası seçilmedi.");
            return null;
        }

        return certificates[choice - 1];
    }

    /// <summary>The code is already used up on the server, so a mistyped PIN is asked again here (the card counts tries).</summary>
    private async Task<SignOutcome?> SignWithPinAsync(SignCommand command, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxPinAttempts; attempt++)
        {
            using var pin = console.ReadPin("Kartınızın PIN'i: ");
            var outcome = await signer.SignAsync(command, pin, cancellationToken);
            if (outcome.IsSuccess)
            {
                return outcome.Value;
            }

            var error = outcome.Error!;
            console.WriteLine(error.Message + (error.TriesRemaining is { } left ? $" Kalan deneme: {left.ToString(CultureInfo.InvariantCulture)}." : string.Empty));
            if (error.Code != "AGENT_PIN_INCORRECT" || error.TriesRemaining is 1)
            {
                // One try left: do not spend it in a loop; the user decides with a new code.
                Fail(error.NextStep);
                return null;
            }
        }

        Fail("PIN üç kez yanlış girildi; sayfadan yeni kod alın.");
        return null;
    }

    private int Fail(string message)
    {
        console.WriteLine("HATA: " + message);
        return 1;
    }
}
