namespace CrmSync.Core.Normalization;

/// <summary>
/// Phone: digits only, keeping a leading <c>+</c> (and reading a leading <c>00</c> as <c>+</c>), so
/// "+1 (555) 010-2000", "+1.555.010.2000" and "001 555 010 2000" compare equal. No country is
/// guessed for numbers written without one.
/// </summary>
public static class PhoneNormalizer
{
    public static NormalizedValue Normalize(string trimmed)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        var international = trimmed.StartsWith('+');
        Span<char> digits = stackalloc char[Math.Min(trimmed.Length, 64) + 1];
        var count = 0;
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c) && count < digits.Length - 1)
            {
                digits[count++] = c;
            }
        }

        var number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            number = number[2..];
            international = true;
        }

        return number.Length == 0
            ? NormalizedValue.Invalid(trimmed, "not a phone number (no digits)")
            : NormalizedValue.Valid(international ? "+" + number.ToString() : number.ToString(), trimmed);
    }
}
