using OciRuntime.Linux;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class SignalParsingTests
{
    [Theory]
    [InlineData("9", 9)]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("sigkill", 9)]
    [InlineData("kill", 9)]
    [InlineData("SigKill", 9)]
    [InlineData("USR1", 10)]
    [InlineData("SIGUSR1", 10)]
    [InlineData("10", 10)]
    [InlineData("TERM", 15)]
    [InlineData("winch", 28)]
    [InlineData("SIGIO", 29)]
    [InlineData("SIGSYS", 31)]
    [InlineData("SIGSTKFLT", 16)]
    [InlineData("+28", 28)]
    [InlineData("034", 34)]  // decimal, as Go's Atoi reads it
    [InlineData("0", 0)]     // "is it alive" probe, passed to kill(2)
    [InlineData("64", 64)]
    [InlineData("99", 99)]   // runc passes any number on; the kernel answers EINVAL
    [InlineData("-1", -1)]
    public void Parses_what_runc_1_1_accepts(string text, int expected)
    {
        Assert.True(Signal.TryParse(text, out var signal));
        Assert.Equal(expected, signal);
    }

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("SIGBOGUS")]
    [InlineData("")]
    [InlineData("SIG")]
    [InlineData(" 9")]
    [InlineData("0x9")]
    [InlineData("SIGRTMIN")]   // runc 1.1 knows no real-time names
    [InlineData("SIGRTMIN+1")]
    [InlineData("RTMIN+1")]
    [InlineData("SIGIOT")]     // nor the aliases of signals that have another name
    [InlineData("SIGCLD")]
    [InlineData("SIGPOLL")]
    [InlineData("SIGSIGKILL")]
    [InlineData("99999999999")]
    public void Rejects_what_runc_1_1_rejects(string text) => Assert.False(Signal.TryParse(text, out _));

    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(9, "SIGKILL")]
    [InlineData(34, "34")]
    [InlineData(0, "0")]
    public void Names_signals(int signal, string name) => Assert.Equal(name, Signal.NameOf(signal));
}
