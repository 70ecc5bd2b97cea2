namespace OciRuntime.Container.State;

/// <summary>The parts of /proc/PID/stat that tell whether a recorded process is still the same, live one.</summary>
public readonly record struct ProcessStat(int Pid, char State, ulong StartTime)
{
    private const int StateField = 3;
    private const int StartTimeField = 22;

    /// <summary>Zombie or dead: the process has exited even though its pid is still visible.</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>
    /// Parses the content of /proc/PID/stat. The command name (field 2) may contain spaces, parentheses and
    /// any other byte, so the fields after it are counted from the last ')'.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> stat, out ProcessStat result)
    {
        result = default;
        var open = stat.IndexOf((byte)'(');
        var close = stat.LastIndexOf((byte)')');
        if (open < 1 || close < open) return false;
        if (!int.TryParse(stat[..open].Trim((byte)' '), out var pid)) return false;

        char state = default;
        var rest = stat[(close + 1)..];
        for (var field = StateField; field <= StartTimeField; field++)
        {
            rest = rest.TrimStart((byte)' ');
            var end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? rest : rest[..end];
            if (token.IsEmpty) return false;
            if (field == StateField)
            {
                if (token.Length != 1) return false;
                state = (char)token[0];
            }
            else if (field == StartTimeField)
            {
                if (!ulong.TryParse(token, out var startTime)) return false;
                result = new ProcessStat(pid, state, startTime);
                return true;
            }
            rest = rest[token.Length..];
        }
        return false;
    }
}
