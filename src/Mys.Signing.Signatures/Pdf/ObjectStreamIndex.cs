namespace Mys.Signing.Signatures.Pdf;

/// <summary>An object stream's decoded data with the number and data offset of each object it holds.</summary>
internal sealed record ObjectStreamIndex(byte[] Data, int[] Numbers, int[] Offsets)
{
    public static ObjectStreamIndex Read(PdfStream stream, int streamNumber)
    {
        var data = PdfFilters.Decode(stream);
        var count = (stream.Dictionary["N"] as PdfNumber)?.LongValue ?? -1;
        var first = (stream.Dictionary["First"] as PdfNumber)?.LongValue ?? -1;
        if (count < 0 || first < 0 || first > data.Length || count > data.Length / 2)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, $"Object stream {streamNumber}: /N or /First invalid.");
        }

        var header = new PdfParser(data);
        var numbers = new int[count];
        var offsets = new int[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = header.ReadInt(PdfFormatReasons.BrokenObjectStream);
            var offset = header.ReadInt(PdfFormatReasons.BrokenObjectStream);
            if (first + offset >= data.Length)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, $"Object stream {streamNumber}: offset beyond its data.");
            }

            offsets[i] = (int)first + offset;
        }

        return new ObjectStreamIndex(data, numbers, offsets);
    }
}
