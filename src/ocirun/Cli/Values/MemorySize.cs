using System.Globalization;

namespace Ocirun.Cli.Values;

/// <summary>
/// A memory size as runc 1.1's <c>update --memory</c> reads it (docker/go-units 0.4 RAMInBytes): a decimal
/// number with an optional fraction, an optional space, then an optional binary unit k, m, g, t or p (any case),
/// an optional i and an optional b: "512m", "1.5G", "512 MiB", "4096". Units are powers of 1024; the result is
/// truncated to whole bytes.
/// </summary>
internal static class MemorySize
{
    public static long Parse(string text)
    {
        var rest = text.AsSpan();
        var numberLength = 0;
        while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.')) numberLength++;
        var number = rest[..numberLength];
        rest = rest[numberLength..];
        if (number.IsEmpty || !char.IsAsciiDigit(number[0]) || !char.IsAsciiDigit(number[^1]))
            throw Invalid();
        if (number.IndexOf('.') != number.LastIndexOf('.')) throw new InvalidValueException("not a valid number");
        if (!rest.IsEmpty && rest[0] == ' ') rest = rest[1..];
        double multiplier = 1;
        if (!rest.IsEmpty && UnitMultiplier(rest[0]) is { } unit)
        {
            multiplier = unit;
            rest = rest[1..];
        }
        if (!rest.IsEmpty && rest[0] is 'i' or 'I') rest = rest[1..];
        if (!rest.IsEmpty && rest[0] is 'b' or 'B') rest = rest[1..];
        if (!rest.IsEmpty) throw Invalid();
        var bytes = double.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * multiplier;
        if (bytes >= 9.2233720368547758E18) throw new InvalidValueException("size out of range");
        return (long)bytes;
    }

    private static double? UnitMultiplier(char unit) => char.ToLowerInvariant(unit) switch
    {
        'k' => 1L << 10,
        'm' => 1L << 20,
        'g' => 1L << 30,
        't' => 1L << 40,
        'p' => 1L << 50,
        _ => null,
    };

    private static InvalidValueException Invalid() => new("not a size (like 512m, 1.5g, 4096)");
}
