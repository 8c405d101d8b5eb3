using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// The embedded TrueType programs of a rendered page, compressed once per process. Every ÖEB embeds the same two form
/// faces (<see cref="DejaVuFontResolver.FormFamily"/>, ≈ 34 KB each): PDFsharp deflated both for every document (≈ 2 ms
/// and 0.2 MB) and the Flate fix-up inflated them again for their Adler-32. The renderer now lets PDFsharp write them
/// uncompressed and puts in the zlib stream made here, complete with its Adler-32, the same bytes PDFsharp's deflate and
/// the fix-up gave (header 78 DA, deflate at the optimal level, Adler-32).
/// </summary>
internal static class CompressedFontPrograms
{
    /// <summary>Few distinct programs are embedded as they are (the form faces); others are compressed but not kept.</summary>
    private const int MaxCached = 8;

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Replaces every unfiltered /FontFile2 stream of <paramref name="file"/>'s pages with its complete zlib stream:
    /// dictionary /Length1 (the program's size), /Filter /FlateDecode, /Length, as PDFsharp writes a compressed one.
    /// </summary>
    public static void AddReplacements(PdfFile file, Dictionary<int, Pdf.PdfObject> replacements)
    {
        foreach (var number in FontFileNumbers(file))
        {
            if (replacements.ContainsKey(number) || file.GetObject(number) is not PdfStream { } stream || stream.Dictionary["Filter"] is not null)
            {
                continue;
            }

            var dictionary = new Pdf.PdfDictionary();
            dictionary["Length1"] = new PdfNumber(stream.Data.Length);
            dictionary["Filter"] = new PdfName("FlateDecode");
            var zlib = Compressed(stream.Data);
            dictionary["Length"] = new PdfNumber(zlib.Length);
            replacements[number] = new PdfStream(dictionary, zlib);
        }
    }

    /// <summary>The zlib stream of <paramref name="program"/>; the array returned is shared and must not be changed.</summary>
    internal static byte[] Compressed(byte[] program)
    {
        var key = Convert.ToHexString(SHA256.HashData(program));
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var zlib = Zlib(program);
        return Cache.Count < MaxCached ? Cache.GetOrAdd(key, zlib) : zlib;
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        var bytes = output.ToArray();
        bytes[1] = 0xDA; // PDFsharp's header byte (a valid FCHECK too); the deflate data and Adler-32 do not depend on it
        return bytes;
    }

    /// <summary>The object numbers of /FontFile2 streams of the fonts the pages use (Type0 fonts and simple TrueType).</summary>
    private static SortedSet<int> FontFileNumbers(PdfFile file)
    {
        var numbers = new SortedSet<int>();
        var pending = new Stack<Pdf.PdfObject?>([file.Catalog["Pages"]]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var node))
        {
            if (node is PdfReference r && !seen.Add(r.Number))
            {
                continue;
            }

            if (file.ResolveDictionary(node) is not { } dictionary)
            {
                continue;
            }

            if (file.Resolve(dictionary["Kids"]) is Pdf.PdfArray kids)
            {
                kids.Items.ForEach(pending.Push);
            }

            if (file.ResolveDictionary(file.ResolveDictionary(dictionary["Resources"])?["Font"]) is { } fonts)
            {
                foreach (var (_, font) in fonts.Entries)
                {
                    AddFontFile(file, file.ResolveDictionary(font), numbers);
                }
            }
        }

        return numbers;
    }

    private static void AddFontFile(PdfFile file, Pdf.PdfDictionary? font, SortedSet<int> numbers)
    {
        if (font is null)
        {
            return;
        }

        var descendant = file.Resolve(font["DescendantFonts"]) is Pdf.PdfArray { Items.Count: > 0 } descendants
            ? file.ResolveDictionary(descendants.Items[0])
            : font;
        if (file.ResolveDictionary(descendant?["FontDescriptor"])?["FontFile2"] is PdfReference program)
        {
            numbers.Add(program.Number);
        }
    }
}
