using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>Top-down text and table layout over A4 pages with page breaks.</summary>
internal sealed class PageWriter : IDisposable
{
    public const double Margin = 36;
    private readonly PdfDocument _document;
    private XGraphics? _graphics;

    private readonly PageFonts _fonts;

    public PageWriter(PdfDocument document, PageFonts fonts)
    {
        _document = document;
        _fonts = fonts;
        NewPage();
    }

    public XFont Regular => _fonts.Regular;

    public XFont Bold => _fonts.Bold;

    public XFont TitleFont => _fonts.Title;

    /// <summary>Some text drawn has a character the fonts do not cover: render again with <see cref="PageFonts.Complete"/>.</summary>
    public bool Uncovered { get; private set; }

    public PdfPage Page { get; private set; } = null!;

    public XGraphics Graphics => _graphics!;

    public double Y { get; set; }

    public double Width => Page.Width.Point - (2 * Margin);

    public void NewPage()
    {
        _graphics?.Dispose();
        FlushOperators();
        Page = _document.AddPage();
        Page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(Page);
        Y = Margin;
    }

    /// <summary>Draws text, noting whether the fonts cover it.</summary>
    public void Text(string text, XFont font, XRect rect, XStringFormat format)
    {
        Uncovered |= !_fonts.Covers(text);
        Graphics.DrawString(text, font, XBrushes.Black, rect, format);
    }

    public void EnsureSpace(double height)
    {
        if (Y + height > Page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    public void Heading(string text)
    {
        EnsureSpace(24);
        Y += 6;
        Text(text, Bold, new XRect(Margin, Y, Width, 12), XStringFormats.TopLeft);
        Y += 13;
    }

    public void Line(string label, string value)
    {
        EnsureSpace(12);
        Text(label, Bold, new XRect(Margin, Y, 150, 11), XStringFormats.TopLeft);
        Text(value, Regular, new XRect(Margin + 150, Y, Width - 150, 11), XStringFormats.TopLeft);
        Y += 11.5;
    }

    /// <summary>Wrapped paragraph.</summary>
    public void Paragraph(string text)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Graphics.MeasureString(candidate, Regular).Width > Width && line.Length > 0)
                {
                    WriteLine(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            WriteLine(line);
        }
    }

    /// <summary>Table with relative column widths; the first row is the header.</summary>
    public void Table(double[] widths, IReadOnlyList<string[]> rows, int rightAlignedFrom = int.MaxValue, bool skipHeader = false)
    {
        var total = widths.Sum();
        for (var r = skipHeader ? 1 : 0; r < rows.Count; r++)
        {
            EnsureSpace(12);
            var x = Margin;
            for (var c = 0; c < widths.Length; c++)
            {
                var w = Width * widths[c] / total;
                var rect = new XRect(x + 2, Y + 1, w - 4, 10);
                var font = r == 0 ? Bold : Regular;
                var text = Fit(rows[r][c], w - 4, font);
                Text(text, font, rect, c >= rightAlignedFrom && r > 0 ? XStringFormats.TopRight : XStringFormats.TopLeft);
                Graphics.DrawRectangle(XPens.Gray, x, Y, w, 12);
                x += w;
            }

            Y += 12;
        }
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
        FlushOperators();
    }

    /// <summary>
    /// PDF operators to draw on the current page after everything drawn through <see cref="Graphics"/>, in the page's
    /// one content stream (written when the page's graphics are closed).
    /// </summary>
    public void AppendOperators(byte[] operators) => _pendingOperators = [.. _pendingOperators ?? [], .. operators];

    private byte[]? _pendingOperators;

    private void FlushOperators()
    {
        if (_pendingOperators is null)
        {
            return;
        }

        var content = (PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)Page.Contents.Elements[Page.Contents.Elements.Count - 1]).Value;
        content.Stream.Value = [.. content.Stream.Value, (byte)'\n', .. _pendingOperators];
        _pendingOperators = null;
    }

    private void WriteLine(string text)
    {
        EnsureSpace(11);
        Text(text, Regular, new XRect(Margin, Y, Width, 11), XStringFormats.TopLeft);
        Y += 11;
    }

    private string Fit(string text, double width, XFont font)
    {
        if (Graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var (low, high) = (0, text.Length);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Graphics.MeasureString(text[..mid] + "…", font).Width <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return text[..low] + "…";
    }
}
