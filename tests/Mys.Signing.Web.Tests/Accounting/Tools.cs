using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>Runs the real PDF tools (pdfsig, qpdf, pdftotext) on files written to a temporary folder.</summary>
internal static class Tools
{
    public static async Task<string> WriteTempAsync(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "mys-acct-" + Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    public static (int Code, string Output) Run(string file, params string[] args) => ExternalTools.Run(file, args);
}
