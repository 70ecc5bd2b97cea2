using Ocirun.Cli.Values;

namespace Ocirun.Cli;

/// <summary>
/// One flag of a command whose options are a <typeparamref name="T"/>: its names (<c>--bundle</c>, <c>-b</c>),
/// help text, and how its value lands in the options. Value parsers throw <see cref="InvalidValueException"/>;
/// <see cref="FlagParser"/> turns that into a usage error naming the flag.
/// </summary>
internal sealed class Flag<T> : IFlagHelp
{
    private readonly Action<T, string>? setValue;
    private readonly Action<T, bool>? setSwitch;

    private Flag(string name, string? shortName, string usage, Action<T, string>? setValue, Action<T, bool>? setSwitch,
        string? defaultText, bool hidden)
    {
        Name = name;
        ShortName = shortName;
        Usage = usage;
        this.setValue = setValue;
        this.setSwitch = setSwitch;
        DefaultText = defaultText;
        Hidden = hidden;
    }

    public string Name { get; }
    public string? ShortName { get; }
    public string Usage { get; }
    public bool TakesValue => setValue != null;
    public string? DefaultText { get; }
    public bool Hidden { get; }

    /// <summary>A boolean flag: <c>--detach</c>, <c>-d</c>, <c>--detach=false</c>.</summary>
    public static Flag<T> Switch(string name, string? shortName, string usage, Action<T, bool> set) =>
        new(name, shortName, usage, null, set, null, false);

    /// <summary>A flag with a value: <c>--bundle DIR</c>, <c>--bundle=DIR</c>, <c>-b DIR</c>.</summary>
    /// <param name="defaultText">Shown by --help as "(default: ...)".</param>
    /// <param name="hidden">Accepted but not shown by --help (obsolete flags runc still accepts).</param>
    public static Flag<T> Value(string name, string? shortName, string usage, Action<T, string> set,
        string? defaultText = null, bool hidden = false) =>
        new(name, shortName, usage, set, null, defaultText, hidden);

    /// <summary>An integer flag in Go syntax, as runc's urfave/cli IntFlag reads it.</summary>
    public static Flag<T> Integer(string name, string? shortName, string usage, Action<T, long> set, string defaultText) =>
        new(name, shortName, usage, (target, text) => set(target, GoInteger.ParseInt64(text, 0)), null, defaultText, false);

    public bool IsNamed(ReadOnlySpan<char> name) => name.SequenceEqual(Name) || (ShortName != null && name.SequenceEqual(ShortName));

    public void Set(T target, string value) => setValue!(target, value);

    public void Set(T target, bool value) => setSwitch!(target, value);
}
