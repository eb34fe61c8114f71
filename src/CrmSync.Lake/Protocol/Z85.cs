namespace CrmSync.Lake.Protocol;

/// <summary>
/// Z85 (ZeroMQ RFC 32 Base85), which Delta uses for DV UUIDs and inline DVs because it is JSON-safe: every 4 bytes
/// (big-endian) become 5 characters.
/// </summary>
public static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private static readonly sbyte[] Digits = BuildDigits();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 4 != 0)
            throw new ArgumentException($"Z85 encodes whole 4-byte words; got {bytes.Length} bytes.", nameof(bytes));
        var chars = new char[bytes.Length / 4 * 5];
        for (int i = 0, c = 0; i < bytes.Length; i += 4, c += 5)
        {
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[i..]);
            for (var d = 4; d >= 0; d--)
            {
                chars[c + d] = Alphabet[(int)(value % 85)];
                value /= 85;
            }
        }

        return new string(chars);
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 5 != 0)
            throw new FormatException($"Z85 text has {text.Length} characters, not a multiple of 5.");
        var bytes = new byte[text.Length / 5 * 4];
        for (int c = 0, i = 0; c < text.Length; c += 5, i += 4)
        {
            ulong value = 0;
            for (var d = 0; d < 5; d++)
            {
                var ch = text[c + d];
                var digit = ch < Digits.Length ? Digits[ch] : (sbyte)-1;
                if (digit < 0)
                    throw new FormatException($"'{ch}' at position {c + d} is not a Z85 character.");
                value = (value * 85) + (ulong)digit;
            }

            if (value > uint.MaxValue)
                throw new FormatException($"Z85 group at position {c} exceeds 32 bits.");
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i), (uint)value);
        }

        return bytes;
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
            digits[Alphabet[i]] = (sbyte)i;
        return digits;
    }
}
