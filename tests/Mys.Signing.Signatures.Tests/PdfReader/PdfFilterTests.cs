using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>Every filter a signature validator may need, chains of them, and a clear refusal for image codecs.</summary>
public sealed class PdfFilterTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("Ödeme emri belgesi: 1.234,56 TL — ıİşŞ");

    [Fact]
    public void Flate_inflates_with_and_without_the_adler_trailer()
    {
        var zlib = PdfFilters.Deflate(Text);

        Decode("/Filter /FlateDecode", zlib).ShouldBe(Text);
        Decode("/Filter /Fl", zlib[..^4]).ShouldBe(Text);
    }

    [Fact]
    public void Flate_with_png_predictors_undoes_sub_and_up_rows()
    {
        byte[] rows = [2, 1, 2, 3, 2, 1, 1, 1, 1, 5, 1, 1];

        Decode("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 3 >>", PdfFilters.Deflate(rows)).ShouldBe([1, 2, 3, 2, 3, 4, 5, 6, 7]);
    }

    [Fact]
    public void Tiff_predictor_adds_the_pixel_to_the_left_and_a_single_png_row_decodes()
    {
        Decode("/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 1 /Columns 4 >>", PdfFilters.Deflate([1, 1, 1, 1, 5, 1, 1, 1]))
            .ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        Decode("/Filter /FlateDecode /DecodeParms << /Predictor 15 /Columns 3 >>", PdfFilters.Deflate([1, 4, 1, 1])).ShouldBe([4, 5, 6]);
        Decode("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100000000 >>", PdfFilters.Deflate([2, 1, 2])).ShouldBeEmpty();
        Should.Throw<PdfFormatException>(() => Decode("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 2000000000 >>", PdfFilters.Deflate([2, 1, 2])))
            .Reason.ShouldBe(PdfFormatReasons.BrokenStreamData);
    }

    [Fact]
    public void Corrupt_flate_data_is_a_format_exception_wrapping_zlibs_complaint()
    {
        var ex = Should.Throw<PdfFormatException>(() => Decode("/Filter /FlateDecode", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]));

        ex.Reason.ShouldBe(PdfFormatReasons.BrokenStreamData);
        ex.InnerException.ShouldBeOfType<InvalidDataException>();
        Should.Throw<PdfFormatException>(() => Decode("/Filter /FlateDecode", [0x78])).Reason.ShouldBe(PdfFormatReasons.BrokenStreamData);
    }

    [Fact]
    public void Ascii_hex_ignores_white_space_and_pads_an_odd_digit()
    {
        Decode("/Filter /ASCIIHexDecode", "48 65 6c\n6C 6f 7>"u8.ToArray()).ShouldBe("Hellop"u8.ToArray());
        Should.Throw<PdfFormatException>(() => Decode("/Filter /AHx", "4X>"u8.ToArray())).Reason.ShouldBe(PdfFormatReasons.BrokenStreamData);
    }

    [Fact]
    public void Ascii85_decodes_groups_z_and_a_short_final_group()
    {
        // Python: base64.a85encode(b'Hello, PDF world! \0\0\0\0 end') — "z" stands for four zero bytes.
        Decode("/Filter /ASCII85Decode", "87cURD_*#-6q/;CDfTZ)+Wpab\n!!\"-QDI`~>"u8.ToArray())
            .ShouldBe("Hello, PDF world! \0\0\0\0 end"u8.ToArray());
        Decode("/Filter /A85", "z~>"u8.ToArray()).ShouldBe([0, 0, 0, 0]);
        Should.Throw<PdfFormatException>(() => Decode("/Filter /A85", "87cU{~>"u8.ToArray())).Reason.ShouldBe(PdfFormatReasons.BrokenStreamData);
    }

    [Fact]
    public void Lzw_decodes_the_example_of_iso_32000()
    {
        // ISO 32000-1 §7.4.4.2: "-----A---B" encodes to 80 0B 60 50 22 0C 0C 85 01.
        Decode("/Filter /LZWDecode", [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]).ShouldBe("-----A---B"u8.ToArray());
    }

    [Fact]
    public void Lzw_round_trips_a_long_text_across_code_width_changes()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => (i * 7919 % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ")));

        Decode("/Filter /LZWDecode", LzwEncode(text)).ShouldBe(text);
    }

    [Fact]
    public void Run_length_copies_literals_and_repeats_runs()
    {
        Decode("/Filter /RunLengthDecode", [2, (byte)'a', (byte)'b', (byte)'c', 254, (byte)'x', 128, (byte)'!']).ShouldBe("abcxxx"u8.ToArray());
    }

    [Fact]
    public void A_chain_of_filters_is_applied_in_order()
    {
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(PdfFilters.Deflate(Text)) + ">");

        Decode("/Filter [/ASCIIHexDecode /FlateDecode]", hex).ShouldBe(Text);
        Decode("/Filter [/Crypt /FlateDecode] /DecodeParms [<< /Name /Identity >> null]", PdfFilters.Deflate(Text)).ShouldBe(Text);
    }

    [Theory]
    [InlineData("/Filter /DCTDecode")]
    [InlineData("/Filter /JBIG2Decode")]
    [InlineData("/Filter /JPXDecode")]
    [InlineData("/Filter [/FlateDecode /CCITTFaxDecode]")]
    [InlineData("/Filter /Crypt /DecodeParms << /Name /StdCF >>")]
    public void Image_codecs_and_real_crypt_filters_fail_only_when_the_bytes_are_asked_for(string filter)
    {
        var pdf = TestPdfBuilder.Basic().Stream(6, "/Type /XObject /Subtype /Image " + filter, PdfFilters.Deflate([1, 2, 3])).Classic();
        var file = PdfFile.Load(pdf);
        var image = (PdfStream)file.GetObject(6)!;

        PdfReaderRobustnessTests.AssertReadable(file);
        Should.Throw<PdfFormatException>(() => PdfFilters.Decode(image)).Reason.ShouldBe(PdfFormatReasons.UnknownFilter);
    }

    [Fact]
    public void A_stream_inflating_beyond_the_limit_is_refused()
    {
        var bomb = PdfFilters.Deflate(new byte[PdfFilters.MaxDecodedLength + 1]);

        Should.Throw<PdfFormatException>(() => Decode("/Filter /FlateDecode", bomb)).Reason.ShouldBe(PdfFormatReasons.StreamTooLarge);
    }

    private static byte[] Decode(string dictionary, byte[] data) =>
        PdfFilters.Decode(new PdfStream((PdfDictionary)new PdfParser(Encoding.Latin1.GetBytes("<< " + dictionary + " >>")).ReadObject(), data));

    /// <summary>A plain LZW encoder (EarlyChange 1) to feed the decoder more than the spec's ten bytes.</summary>
    private static byte[] LzwEncode(byte[] input)
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        void Reset()
        {
            table.Clear();
            for (var i = 0; i < 256; i++)
            {
                table[((char)i).ToString()] = i;
            }
        }

        var output = new List<byte>();
        long buffer = 0;
        var bits = 0;
        var width = 9;
        void Emit(int code)
        {
            buffer = (buffer << width) | (uint)code;
            bits += width;
            while (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        Reset();
        var next = 258;
        Emit(256);
        var w = string.Empty;
        foreach (var b in input)
        {
            var wc = w + (char)b;
            if (table.ContainsKey(wc))
            {
                w = wc;
                continue;
            }

            Emit(table[w]);
            table[wc] = next++;
            w = ((char)b).ToString();
            if (next >= 4095)
            {
                Emit(256);
                Reset();
                next = 258;
                width = 9;
                continue;
            }

            width = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
        }

        Emit(table[w]);
        Emit(257);
        if (bits > 0)
        {
            output.Add((byte)(buffer << (8 - bits)));
        }

        return [.. output];
    }
}
