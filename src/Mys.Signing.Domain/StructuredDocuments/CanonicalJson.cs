using System.Globalization;
using System.Text.Json;
using Mys.Signing.Domain.Amounts;

namespace Mys.Signing.Domain.StructuredDocuments;

/// <summary>
/// Shared conventions of the canonical JSON forms (docs/structured-documents.md): UTF-8, no indentation, no
/// whitespace, properties in the documented order, optional values written as null (never left out), dates as
/// "yyyy-MM-dd", amounts as JSON numbers with exactly two decimals, quantities with up to three decimals and no
/// trailing zeros, non-ASCII characters escaped as \uXXXX by the default encoder.
/// </summary>
internal static class CanonicalJson
{
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            body(writer);
        }

        return stream.ToArray();
    }

    public static void Money(Utf8JsonWriter writer, string name, Money value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString(), skipInputValidation: false);
    }

    public static void Decimal(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(value.ToString("0.###", CultureInfo.InvariantCulture), skipInputValidation: false);
    }

    public static void Date(Utf8JsonWriter writer, string name, DateOnly value) =>
        writer.WriteString(name, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
