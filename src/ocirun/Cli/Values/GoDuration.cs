using System.Globalization;

namespace Ocirun.Cli.Values;

/// <summary>
/// Go's time.ParseDuration, which runc's <c>events --interval</c> uses: a signed sequence of decimal numbers,
/// each with an optional fraction and a required unit (ns, us, µs, ms, s, m, h), e.g. "5s", "1m30s", "1.5h";
/// "0" alone needs no unit.
/// </summary>
internal static class GoDuration
{
    private const ulong MaxMagnitude = 1UL << 63;

    public static TimeSpan Parse(string text)
    {
        var rest = text.AsSpan();
        var negative = false;
        if (rest.Length > 0 && (rest[0] == '-' || rest[0] == '+'))
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }
        if (rest.SequenceEqual("0")) return TimeSpan.Zero;
        if (rest.IsEmpty) throw new InvalidValueException("not a duration (like 5s, 1m30s, 250ms)");
        ulong total = 0;
        while (!rest.IsEmpty)
        {
            total += ParseComponent(ref rest);
            if (total > MaxMagnitude) throw Overflow();
        }
        if (!negative && total == MaxMagnitude) throw Overflow();
        var nanoseconds = negative ? (long)(0 - total) : (long)total;
        return TimeSpan.FromTicks(nanoseconds / 100);
    }

    // One "<number>[.<fraction>]<unit>" component, in nanoseconds.
    private static ulong ParseComponent(ref ReadOnlySpan<char> rest)
    {
        var wholeDigits = CountDigits(rest);
        var whole = ParseWhole(rest[..wholeDigits]);
        rest = rest[wholeDigits..];
        ulong fraction = 0;
        double fractionScale = 1;
        var fractionDigits = 0;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            rest = rest[1..];
            fractionDigits = CountDigits(rest);
            foreach (var c in rest[..fractionDigits])
            {
                // Go keeps consuming digits past what fits, ignoring them.
                if (fraction > (MaxMagnitude - 1) / 10) continue;
                fraction = fraction * 10 + (ulong)(c - '0');
                fractionScale *= 10;
            }
            rest = rest[fractionDigits..];
        }
        if (wholeDigits == 0 && fractionDigits == 0) throw new InvalidValueException("not a duration (like 5s, 1m30s, 250ms)");
        var unitLength = 0;
        while (unitLength < rest.Length && rest[unitLength] != '.' && !char.IsAsciiDigit(rest[unitLength])) unitLength++;
        if (unitLength == 0) throw new InvalidValueException("missing unit (ns, us, ms, s, m, h)");
        var unit = UnitNanoseconds(rest[..unitLength]);
        rest = rest[unitLength..];
        if (whole > MaxMagnitude / unit) throw Overflow();
        var value = whole * unit;
        if (fraction > 0)
        {
            value += (ulong)(fraction * (unit / fractionScale));
            if (value > MaxMagnitude) throw Overflow();
        }
        return value;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count])) count++;
        return count;
    }

    private static ulong ParseWhole(ReadOnlySpan<char> digits)
    {
        ulong value = 0;
        foreach (var c in digits)
        {
            if (value > (MaxMagnitude - (ulong)(c - '0')) / 10) throw Overflow();
            value = value * 10 + (ulong)(c - '0');
        }
        return value;
    }

    private static ulong UnitNanoseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1,
        "us" or "\u00b5s" or "\u03bcs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => throw new InvalidValueException(string.Create(CultureInfo.InvariantCulture, $"unknown unit \"{unit}\" (ns, us, ms, s, m, h)")),
    };

    private static InvalidValueException Overflow() => new("duration out of range");
}
