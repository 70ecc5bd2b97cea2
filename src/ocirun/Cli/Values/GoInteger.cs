namespace Ocirun.Cli.Values;

/// <summary>
/// Go's strconv.ParseInt/ParseUint. runc's integer flags use base 0 (Go literal syntax: <c>0x1f</c>, <c>0o17</c>,
/// <c>017</c>, <c>0b101</c>, <c>1_000</c>); values runc parses itself (update's cpu flags) use base 10.
/// </summary>
internal static class GoInteger
{
    public static long ParseInt64(string text, int numberBase)
    {
        var digits = text.AsSpan();
        var negative = false;
        if (digits.Length > 0 && (digits[0] == '+' || digits[0] == '-'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        var magnitude = ParseMagnitude(digits, numberBase);
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1) throw OutOfRange();
            return (long)(0 - magnitude);
        }
        if (magnitude > long.MaxValue) throw OutOfRange();
        return (long)magnitude;
    }

    public static ulong ParseUInt64(string text, int numberBase) => ParseMagnitude(text, numberBase);

    private static ulong ParseMagnitude(ReadOnlySpan<char> text, int numberBase)
    {
        if (text.IsEmpty) throw NotANumber();
        var underscoresAllowed = numberBase == 0;
        if (numberBase == 0)
        {
            if (!UnderscoresSeparateDigits(text)) throw NotANumber();
            numberBase = BaseOf(text, out var prefixLength);
            text = text[prefixLength..];
        }
        ulong value = 0;
        foreach (var c in text)
        {
            if (c == '_' && underscoresAllowed) continue;
            var digit = DigitValue(c);
            if (digit >= numberBase) throw NotANumber();
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)numberBase) throw OutOfRange();
            value = value * (ulong)numberBase + (ulong)digit;
        }
        return value;
    }

    // "0x1f" is base 16 after 2 characters; "017" base 8 after 1; "0" base 8 with no digits left, which is zero, as in Go.
    private static int BaseOf(ReadOnlySpan<char> text, out int prefixLength)
    {
        prefixLength = 0;
        if (text[0] != '0') return 10;
        prefixLength = 2;
        if (text.Length >= 3)
        {
            switch (char.ToLowerInvariant(text[1]))
            {
                case 'x': return 16;
                case 'o': return 8;
                case 'b': return 2;
            }
        }
        prefixLength = 1;
        return 8;
    }

    // Go: an underscore must sit between two digits, or between a base prefix and a digit.
    private static bool UnderscoresSeparateDigits(ReadOnlySpan<char> text)
    {
        var previousIsDigit = false;
        var start = 0;
        if (text.Length >= 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'x' or 'o' or 'b')
        {
            previousIsDigit = true;
            start = 2;
        }
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '_')
            {
                if (!previousIsDigit || i + 1 == text.Length || text[i + 1] == '_') return false;
                previousIsDigit = false;
            }
            else previousIsDigit = true;
        }
        return true;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => int.MaxValue,
    };

    private static InvalidValueException NotANumber() => new("not a valid integer");
    private static InvalidValueException OutOfRange() => new("value out of range");
}
