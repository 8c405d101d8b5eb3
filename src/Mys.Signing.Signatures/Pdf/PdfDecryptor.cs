using System.Security.Cryptography;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// The standard security handler (ISO 32000-2 §7.6.4) opened with the empty user password — the common
/// "owner password only" file: /V 1–2 RC4 40–128 bit, /V 4 crypt filters (RC4 /V2, /AESV2), /V 5 AES-256 (R5, R6).
/// Anything needing a real password, or another handler, is <see cref="PdfFormatReasons.EncryptedUnsupported"/>.
/// </summary>
internal sealed class PdfDecryptor
{
    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private enum Method
    {
        Identity,
        Rc4,
        Aes128,
        Aes256,
    }

    private readonly byte[] _key;
    private readonly Method _streams;
    private readonly Method _strings;

    private PdfDecryptor(byte[] key, Method streams, Method strings, bool encryptMetadata)
    {
        _key = key;
        _streams = streams;
        _strings = strings;
        EncryptMetadata = encryptMetadata;
    }

    public bool EncryptMetadata { get; }

    /// <summary>Opens the handler described by <paramref name="encrypt"/>; throws ENCRYPTED_UNSUPPORTED when it cannot.</summary>
    public static PdfDecryptor Open(PdfDictionary encrypt, PdfDictionary trailer)
    {
        var filter = encrypt.NameOf("Filter");
        if (!string.Equals(filter, "Standard", StringComparison.Ordinal))
        {
            throw Unsupported($"security handler /{filter ?? "?"} (only /Standard with the empty user password is opened)");
        }

        var v = Int(encrypt["V"]) ?? 0;
        var r = Int(encrypt["R"]) ?? 0;
        var o = Bytes(encrypt["O"]);
        var u = Bytes(encrypt["U"]);
        var p = Int(encrypt["P"]) ?? 0;
        var encryptMetadata = encrypt["EncryptMetadata"] is not PdfBoolean { Value: false };
        if (o is null || u is null)
        {
            throw Unsupported("/O or /U missing");
        }

        switch (v)
        {
            case 1 or 2:
            {
                var length = v == 1 ? 5 : Math.Clamp((Int(encrypt["Length"]) ?? 40) / 8, 5, 16);
                var key = Rc4Key(o, u, p, FirstId(trailer), r, length, encryptMetadata);
                return new PdfDecryptor(key, Method.Rc4, Method.Rc4, encryptMetadata);
            }

            case 4:
            {
                var filters = encrypt["CF"] as PdfDictionary;
                var streams = CryptFilter(filters, encrypt.NameOf("StmF"));
                var strings = CryptFilter(filters, encrypt.NameOf("StrF"));
                if (streams == Method.Aes256 || strings == Method.Aes256)
                {
                    throw Unsupported("AESV3 crypt filter with /V 4");
                }

                var bits = Int(encrypt["Length"]) ?? 128;
                var length = Math.Clamp(bits <= 16 ? bits : bits / 8, 5, 16);
                var key = Rc4Key(o, u, p, FirstId(trailer), r, length, encryptMetadata);
                return new PdfDecryptor(key, streams, strings, encryptMetadata);
            }

            case 5:
            {
                var filters = encrypt["CF"] as PdfDictionary;
                var key = Aes256Key(r, u, Bytes(encrypt["UE"]));
                return new PdfDecryptor(key, CryptFilter(filters, encrypt.NameOf("StmF")), CryptFilter(filters, encrypt.NameOf("StrF")), encryptMetadata);
            }

            default:
                throw Unsupported($"/V {v}");
        }
    }

    public byte[] DecryptString(byte[] data, int number, int generation) => Decrypt(_strings, data, number, generation);

    public byte[] DecryptStream(byte[] data, int number, int generation) => Decrypt(_streams, data, number, generation);

    /// <summary>Decrypts an object read from the file: a stream's data (unless exempt) and every string in it.</summary>
    public PdfObject DecryptObject(PdfObject value, int number, int generation)
    {
        switch (value)
        {
            case PdfStream stream:
            {
                var dict = stream.Dictionary;
                var type = dict.NameOf("Type");
                var skip = type == "XRef" || (type == "Metadata" && !EncryptMetadata) || PdfFilters.HasIdentityCrypt(dict);
                if (!skip)
                {
                    stream.Data = DecryptStream(stream.Data, number, generation);
                }

                DecryptStrings(dict, number, generation, 0);
                return stream;
            }

            case PdfString s:
                return new PdfString(DecryptString(s.Bytes, number, generation));
            default:
                DecryptStrings(value, number, generation, 0);
                return value;
        }
    }

    private void DecryptStrings(PdfObject value, int number, int generation, int depth)
    {
        if (depth > PdfParser.MaxDepth)
        {
            return;
        }

        switch (value)
        {
            case PdfArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (array.Items[i] is PdfString s)
                    {
                        array.Items[i] = new PdfString(DecryptString(s.Bytes, number, generation));
                    }
                    else
                    {
                        DecryptStrings(array.Items[i], number, generation, depth + 1);
                    }
                }

                break;
            case PdfDictionary dict:
                // ISO 32000-2 §7.6.2: a signature dictionary's /Contents is not encrypted (the byte range excludes it).
                var signature = dict.NameOf("Type") is "Sig" or "DocTimeStamp" || (dict["ByteRange"] is PdfArray && dict["Contents"] is PdfString);
                for (var i = 0; i < dict.Entries.Count; i++)
                {
                    var (key, item) = dict.Entries[i];
                    if (item is PdfString s)
                    {
                        if (!(signature && key == "Contents"))
                        {
                            dict.Entries[i] = new(key, new PdfString(DecryptString(s.Bytes, number, generation)));
                        }
                    }
                    else
                    {
                        DecryptStrings(item, number, generation, depth + 1);
                    }
                }

                break;
            default:
                break;
        }
    }

    private byte[] Decrypt(Method method, byte[] data, int number, int generation) => method switch
    {
        Method.Identity => data,
        Method.Rc4 => Rc4(ObjectKey(number, generation, aes: false), data),
        Method.Aes128 => AesCbc(ObjectKey(number, generation, aes: true), data),
        _ => AesCbc(_key, data),
    };

    /// <summary>Algorithm 1: the file key extended by the object number and generation (and "sAlT" for AES).</summary>
    private byte[] ObjectKey(int number, int generation, bool aes)
    {
        byte[] input =
        [
            .. _key, (byte)number, (byte)(number >> 8), (byte)(number >> 16), (byte)generation, (byte)(generation >> 8),
            .. aes ? "sAlT"u8 : [],
        ];
        var hash = Md5(input);
        return hash[..Math.Min(_key.Length + 5, 16)];
    }

    private static Method CryptFilter(PdfDictionary? filters, string? name)
    {
        if (name is null or "Identity")
        {
            return Method.Identity;
        }

        var filter = filters?[name] as PdfDictionary ?? throw Unsupported($"crypt filter /{name} not defined");
        return filter.NameOf("CFM") switch
        {
            "V2" => Method.Rc4,
            "AESV2" => Method.Aes128,
            "AESV3" => Method.Aes256,
            "None" or null => Method.Identity,
            var other => throw Unsupported($"crypt filter method /{other}"),
        };
    }

    /// <summary>Algorithms 2 and 6 (R2–R4): derive the key from the empty user password and check it against /U.</summary>
    private static byte[] Rc4Key(byte[] o, byte[] u, int p, byte[] id, int r, int length, bool encryptMetadata)
    {
        if (r is < 2 or > 4)
        {
            throw Unsupported($"/R {r} with an RC4-style key");
        }

        byte[] input =
        [
            .. Padding, .. o.Length >= 32 ? o[..32] : o, (byte)p, (byte)(p >> 8), (byte)(p >> 16), (byte)(p >> 24), .. id,
            .. r >= 4 && !encryptMetadata ? new byte[] { 0xFF, 0xFF, 0xFF, 0xFF } : [],
        ];
        var key = Md5(input)[..length];
        if (r >= 3)
        {
            for (var i = 0; i < 50; i++)
            {
                key = Md5(key)[..length];
            }
        }

        byte[] check;
        if (r == 2)
        {
            check = Rc4(key, Padding);
            if (u.Length < 32 || !check.AsSpan().SequenceEqual(u.AsSpan(0, 32)))
            {
                throw Unsupported("a user password is required");
            }
        }
        else
        {
            check = Rc4(key, Md5([.. Padding, .. id]));
            for (var i = 1; i <= 19; i++)
            {
                check = Rc4(key.Select(b => (byte)(b ^ i)).ToArray(), check);
            }

            if (u.Length < 16 || !check.AsSpan().SequenceEqual(u.AsSpan(0, 16)))
            {
                throw Unsupported("a user password is required");
            }
        }

        return key;
    }

    /// <summary>Algorithm 2.A (R5, R6) with the empty user password: check /U, then unwrap /UE.</summary>
    private static byte[] Aes256Key(int r, byte[] u, byte[]? ue)
    {
        if (r is not (5 or 6) || u.Length < 48 || ue is null || ue.Length < 32)
        {
            throw Unsupported($"/V 5 with /R {r} or short /U, /UE");
        }

        var validationSalt = u.AsSpan(32, 8).ToArray();
        var keySalt = u.AsSpan(40, 8).ToArray();
        var hash = r == 5 ? SHA256.HashData(validationSalt) : Hash2B([], validationSalt);
        if (!hash.AsSpan().SequenceEqual(u.AsSpan(0, 32)))
        {
            throw Unsupported("a user password is required");
        }

        var intermediate = r == 5 ? SHA256.HashData(keySalt) : Hash2B([], keySalt);
        using var aes = Aes.Create();
        aes.Key = intermediate;
        return aes.DecryptCbc(ue.AsSpan(0, 32), new byte[16], PaddingMode.None);
    }

    /// <summary>Algorithm 2.B (R6): SHA-256/384/512 rounds over AES-128-CBC of the repeated input.</summary>
    private static byte[] Hash2B(byte[] password, byte[] salt)
    {
        var k = SHA256.HashData([.. password, .. salt]);
        using var aes = Aes.Create();
        for (var round = 0; ; round++)
        {
            var block = new byte[(password.Length + k.Length) * 64];
            for (var i = 0; i < 64; i++)
            {
                password.CopyTo(block, i * (password.Length + k.Length));
                k.CopyTo(block, (i * (password.Length + k.Length)) + password.Length);
            }

            aes.Key = k[..16];
            var e = aes.EncryptCbc(block, k.AsSpan(16, 16), PaddingMode.None);
            var selector = 0;
            for (var i = 0; i < 16; i++)
            {
                selector += e[i];
            }

            k = (selector % 3) switch
            {
                0 => SHA256.HashData(e),
                1 => SHA384.HashData(e),
                _ => SHA512.HashData(e),
            };
            if (round >= 63 && e[^1] <= round - 31)
            {
                return k[..32];
            }
        }
    }

    /// <summary>MD5 only where ISO 32000's RC4-era key derivation prescribes it, to read such files; never to protect anything.</summary>
#pragma warning disable CA5351 // The PDF format fixes the algorithm; this decrypts existing files, it secures nothing.
    private static byte[] Md5(byte[] input) => MD5.HashData(input);
#pragma warning restore CA5351

    private static byte[] AesCbc(byte[] key, byte[] data)
    {
        if (key.Length is not (16 or 32))
        {
            throw Unsupported($"an AES key of {key.Length} bytes");
        }

        // Tolerant like other readers: a too short stream is empty, a ragged tail is cut, bad padding is kept.
        if (data.Length < 32)
        {
            return [];
        }

        var body = data.AsSpan(16, (data.Length - 16) / 16 * 16);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(body, data.AsSpan(0, 16), PaddingMode.None);
        var pad = plain.Length > 0 ? plain[^1] : 0;
        return pad is >= 1 and <= 16 && pad <= plain.Length && plain.AsSpan(plain.Length - pad).IndexOfAnyExcept((byte)pad) < 0
            ? plain[..^pad]
            : plain;
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        Span<byte> s = stackalloc byte[256];
        for (var i = 0; i < 256; i++)
        {
            s[i] = (byte)i;
        }

        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }

        return output;
    }

    private static int? Int(PdfObject? value) => (value as PdfNumber)?.IntValue;

    private static byte[]? Bytes(PdfObject? value) => (value as PdfString)?.Bytes;

    private static byte[] FirstId(PdfDictionary trailer) => (trailer["ID"] as PdfArray)?.Items.FirstOrDefault() is PdfString s ? s.Bytes : [];

    private static PdfFormatException Unsupported(string detail) => new(PdfFormatReasons.EncryptedUnsupported, "Encrypted PDF: " + detail + ".");
}
