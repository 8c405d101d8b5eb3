using PdfSharp.Drawing;
using QRCoder;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>Draws a QR code as vector rectangles from QRCoder's module matrix (no bitmap import needed).</summary>
internal static class QrCodeDrawer
{
    public static void Draw(XGraphics graphics, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            var col = 0;
            while (col < matrix[row].Length)
            {
                if (!matrix[row][col])
                {
                    col++;
                    continue;
                }

                var start = col;
                while (col < matrix[row].Length && matrix[row][col])
                {
                    col++;
                }

                graphics.DrawRectangle(XBrushes.Black, x + (start * module), y + (row * module), (col - start) * module, module);
            }
        }
    }
}
