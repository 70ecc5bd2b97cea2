namespace OciRuntime.Linux;

/// <summary>
/// Linux signal numbers and their names, parsed the way runc 1.1 parses <c>runc kill ID SIGNAL</c>:
/// a decimal number (any value; the kernel judges it), or one of the 31 standard names, case-insensitive,
/// with or without the SIG prefix. runc 1.1 knows no aliases (SIGIOT, SIGCLD, SIGPOLL) and no real-time
/// names (SIGRTMIN+n); those are numbers only, here too.
/// </summary>
public static class Signal
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, SIGPIPE = 13,
        SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
        SIGWINCH = 28;

    // Index = signal number (x86_64 and aarch64 share this numbering).
    private static readonly string[] Names =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    // Go's descriptions (what runc prints for a hook killed by a signal), index = signal number.
    private static readonly string[] Descriptions =
    [
        "", "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap", "aborted", "bus error",
        "floating point exception", "killed", "user defined signal 1", "segmentation fault", "user defined signal 2",
        "broken pipe", "alarm clock", "terminated", "stack fault", "child exited", "continued", "stopped (signal)",
        "stopped", "stopped (tty input)", "stopped (tty output)", "urgent I/O condition", "CPU time limit exceeded",
        "file size limit exceeded", "virtual timer expired", "profiling timer expired", "window changed",
        "I/O possible", "power failure", "bad system call",
    ];

    /// <summary>Parses <c>9</c>, <c>KILL</c>, <c>SIGKILL</c>, <c>sigkill</c>, <c>+9</c> or <c>-1</c>.</summary>
    public static bool TryParse(string text, out int signal)
    {
        if (TryParseDecimal(text, out signal)) return true;
        var name = text.AsSpan();
        if (name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) name = name[3..];
        for (var number = 1; number < Names.Length; number++)
        {
            if (name.Equals(Names[number].AsSpan(3), StringComparison.OrdinalIgnoreCase))
            {
                signal = number;
                return true;
            }
        }
        signal = 0;
        return false;
    }

    /// <summary>The standard name (<c>SIGTERM</c>), or the number as text for real-time and unknown signals.</summary>
    public static string NameOf(int signal) =>
        signal > 0 && signal < Names.Length ? Names[signal] : signal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"bad system call" for SIGSYS, as Go (and so runc) describes a signal; "signal N" for others.</summary>
    public static string Describe(int signal) =>
        signal > 0 && signal < Descriptions.Length ? Descriptions[signal] : $"signal {signal.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    // Go's strconv.Atoi: optional sign, ASCII digits only, no spaces, must fit.
    private static bool TryParseDecimal(string text, out int value)
    {
        value = 0;
        var digits = text.AsSpan();
        var negative = false;
        if (digits.Length > 0 && (digits[0] == '+' || digits[0] == '-'))
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        if (digits.IsEmpty) return false;
        long magnitude = 0;
        foreach (var c in digits)
        {
            if (c < '0' || c > '9') return false;
            magnitude = magnitude * 10 + (c - '0');
            if (magnitude > (long)int.MaxValue + 1) return false;
        }
        var result = negative ? -magnitude : magnitude;
        if (result > int.MaxValue) return false;
        value = (int)result;
        return true;
    }
}
