namespace Ocirun.Cli;

/// <summary>How many positional arguments a command takes, checked as runc's checkArgs does.</summary>
internal readonly record struct ArgumentCount(int Minimum, int Maximum)
{
    public static ArgumentCount None => new(0, 0);
    public static ArgumentCount Exactly(int count) => new(count, count);
    public static ArgumentCount AtLeast(int count) => new(count, int.MaxValue);
    public static ArgumentCount Between(int minimum, int maximum) => new(minimum, maximum);

    public void Check(int actual, string usage)
    {
        if (actual >= Minimum && actual <= Maximum) return;
        if (Maximum == 0) throw new UsageException($"takes no arguments, got {actual}");
        var expected = Minimum == Maximum ? $"exactly {Plural(Minimum)}"
            : actual < Minimum ? $"at least {Plural(Minimum)}"
            : $"at most {Plural(Maximum)}";
        var shape = usage.Length == 0 ? "" : $" ({usage})";
        throw new UsageException($"expects {expected}{shape}, got {actual}");
    }

    private static string Plural(int count) => count == 1 ? "1 argument" : $"{count} arguments";
}
