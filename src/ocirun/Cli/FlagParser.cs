using Ocirun.Cli.Values;

namespace Ocirun.Cli;

/// <summary>
/// Go flag-package syntax as runc 1.1 (urfave/cli v1) accepts it: <c>-name</c> and <c>--name</c> alike,
/// <c>--name=value</c> or <c>--name value</c>, booleans as <c>--name</c> or <c>--name=false</c>, the last of a
/// repeated scalar flag wins, <c>--</c> ends the flags, <c>-h</c>/<c>--help</c> everywhere. No bundling
/// (<c>-td</c> is one unknown flag) and no attached short values (<c>-eA=1</c>), as in runc.
/// <para>
/// Most runc commands reorder their arguments, so known flags may follow the positional arguments
/// (<c>kill ID 9 --all</c>); after the first positional argument an unknown dash-word is a positional
/// argument. Commands that pass arguments through (exec's command, ps's options) stop at the first one.
/// </para>
/// </summary>
internal static class FlagParser
{
    public sealed record Result(IReadOnlyList<string> Arguments, bool HelpRequested);

    public static Result Parse<T>(ReadOnlySpan<string> args, IReadOnlyList<Flag<T>> flags, T target, bool flagsOnlyBeforeArguments)
    {
        var arguments = new List<string>();
        var help = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var inFlagPosition = arguments.Count == 0 || !flagsOnlyBeforeArguments;
            if (!inFlagPosition || arg.Length < 2 || arg[0] != '-')
            {
                arguments.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                arguments.AddRange(args[(i + 1)..]);
                break;
            }
            var body = arg.AsSpan(arg[1] == '-' ? 2 : 1);
            if (body.IsEmpty || body[0] == '-' || body[0] == '=') throw new UsageException($"bad flag syntax: {arg}");
            var equals = body.IndexOf('=');
            var name = equals < 0 ? body : body[..equals];
            var spelled = arg[..(arg.Length - body.Length + name.Length)];
            string? inlineValue = equals < 0 ? null : body[(equals + 1)..].ToString();
            var flag = Find(flags, name);
            var isHelp = flag == null && (name.SequenceEqual("help") || name.SequenceEqual("h"));
            if (flag == null && !isHelp)
            {
                if (arguments.Count > 0)
                {
                    arguments.Add(arg);
                    continue;
                }
                throw new UsageException($"unknown flag: {spelled}");
            }
            if (isHelp || !flag!.TakesValue)
            {
                var on = inlineValue == null || ParseSwitch(spelled, inlineValue);
                if (isHelp) help = on;
                else flag!.Set(target, on);
                continue;
            }
            if (inlineValue == null && i + 1 >= args.Length) throw new UsageException($"flag needs an argument: {spelled}");
            var value = inlineValue ?? args[++i];
            try
            {
                flag.Set(target, value);
            }
            catch (InvalidValueException e)
            {
                throw new UsageException($"invalid value \"{value}\" for flag {spelled}: {e.Message}");
            }
        }
        return new Result(arguments, help);
    }

    private static Flag<T>? Find<T>(IReadOnlyList<Flag<T>> flags, ReadOnlySpan<char> name)
    {
        foreach (var flag in flags)
            if (flag.IsNamed(name)) return flag;
        return null;
    }

    private static bool ParseSwitch(string spelled, string value)
    {
        try
        {
            return GoBool.Parse(value);
        }
        catch (InvalidValueException e)
        {
            throw new UsageException($"invalid value \"{value}\" for flag {spelled}: {e.Message}");
        }
    }
}
