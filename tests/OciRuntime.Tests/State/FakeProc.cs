namespace OciRuntime.Tests.State;

/// <summary>A directory laid out like /proc with just the stat files the tests put there.</summary>
internal sealed class FakeProc(string root)
{
    public string Root { get; } = root;

    public void Add(int pid, char state, ulong startTime, string comm = "sleep")
    {
        Directory.CreateDirectory(Path.Combine(Root, pid.ToString()));
        File.WriteAllText(Path.Combine(Root, pid.ToString(), "stat"), StatLine(pid, comm, state, startTime));
    }

    /// <summary>A stat line shaped like the kernel's: fields 3..22 then a few more, ending in a newline.</summary>
    public static string StatLine(int pid, string comm, char state, ulong startTime) =>
        $"{pid} ({comm}) {state} 1 {pid} {pid} 0 -1 4194560 102 0 0 0 0 0 0 0 20 0 1 0 {startTime} 1613824 183 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
}
