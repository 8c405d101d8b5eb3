using System.Globalization;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Microsoft.Extensions.Hosting;
using Mys.Signing.DevPki.Tokens;

namespace Mys.Signing.DevPki;

/// <summary>
/// dotnet run --project src/Mys.Signing.DevPkiHierarchy -- create --out DIR [--base-url URL] [--person id;Name;TCKN;rsa|ec]...
/// dotnet run --project src/Mys.Signing.DevPkiHierarchy -- serve --out DIR           (OCSP, CRL, TSA on the base URL's port)
/// dotnet run --project src/Mys.Signing.DevPkiHierarchy -- softhsm --out DIR --conf SOFTHSM2_CONF [--pin 1234] [--so-pin 5678]
/// </summary>
internal static class DevPkiProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("kullanım: create|serve|softhsm --out DIR [--base-url URL] [--person id;Ad Soyad;TCKN;rsa|ec] [--conf F]");
            return 2;
        }

        var options = new DevPkiOptions();
        string? folder = null;
        string? conf = null;
        var pin = "1234";
        var soPin = "5678";
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--out": folder = args[i + 1]; break;
                case "--base-url": options.BaseUrl = args[i + 1]; break;
                case "--conf": conf = args[i + 1]; break;
                case "--pin": pin = args[i + 1]; break;
                case "--so-pin": soPin = args[i + 1]; break;
                case "--person":
                    var p = args[i + 1].Split(';');
                    options.Persons.Add(new DevPkiPerson(p[0], p[1], p[2],
                        p.Length > 3 && p[3].Equals("ec", StringComparison.OrdinalIgnoreCase) ? DevKeyType.EcP256 : DevKeyType.Rsa2048));
                    break;
                default: break;
            }
        }

        if (folder is null)
        {
            await Console.Error.WriteLineAsync("--out gerekli");
            return 2;
        }

        var pki = DevPkiStore.LoadOrCreate(folder, options, TimeProvider.System);
        switch (args[0])
        {
            case "create":
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Dev PKI ready in {0} ({1} certificates, base URL {2})", folder, pki.Entries.Count, pki.BaseUrl));
                return 0;
            case "serve":
                var app = await DevPkiHost.StartAsync(pki);
                Console.WriteLine("Serving " + pki.BaseUrl + " (Ctrl+C to stop)");
                await app.WaitForShutdownAsync();
                return 0;
            case "softhsm" when conf is not null:
                var ids = await new SoftHsmProvisioner(conf).ProvisionAsync(pki, pki.Persons.Select(p => p.Id), pin, soPin);
                Console.WriteLine("Tokens created: " + string.Join(", ", ids));
                return 0;
            default:
                await Console.Error.WriteLineAsync("bilinmeyen komut: " + args[0]);
                return 2;
        }
    }
}
