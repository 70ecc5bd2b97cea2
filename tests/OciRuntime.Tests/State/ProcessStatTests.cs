using System.Text;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public class ProcessStatTests
{
    [Theory]
    [InlineData("sleep")]
    [InlineData("with space")]
    [InlineData("a) S 1 2 3 4")]
    [InlineData(") R 99 (")]
    [InlineData("((((")]
    [InlineData("))))")]
    [InlineData("new\nline")]
    [InlineData("")]
    [InlineData("日本語")]
    public void Fields_after_the_command_name_are_found_whatever_the_name_holds(string comm)
    {
        var line = FakeProc.StatLine(4242, comm, 'S', 60104);
        Assert.True(ProcessStat.TryParse(Encoding.UTF8.GetBytes(line), out var stat));
        Assert.Equal(new ProcessStat(4242, 'S', 60104), stat);
    }

    [Fact]
    public void Parses_a_line_without_a_final_newline()
    {
        var line = FakeProc.StatLine(1, "init", 'R', 7).TrimEnd('\n');
        Assert.True(ProcessStat.TryParse(Encoding.ASCII.GetBytes(line), out var stat));
        Assert.Equal(7UL, stat.StartTime);
    }

    [Fact]
    public void Parses_the_largest_start_time()
    {
        var line = FakeProc.StatLine(1, "init", 'R', ulong.MaxValue);
        Assert.True(ProcessStat.TryParse(Encoding.ASCII.GetBytes(line), out var stat));
        Assert.Equal(ulong.MaxValue, stat.StartTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("1234 (sleep")]
    [InlineData("1234 sleep) S 1")]
    [InlineData("(sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19")]
    [InlineData("x (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19")]
    [InlineData("1234 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18")]
    [InlineData("1234 (sleep) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19")]
    [InlineData("1234 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 -19")]
    [InlineData("1234 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 x19")]
    public void Refuses_malformed_lines(string line) =>
        Assert.False(ProcessStat.TryParse(Encoding.ASCII.GetBytes(line), out _));

    [Theory]
    [InlineData('Z', true)]
    [InlineData('X', true)]
    [InlineData('x', true)]
    [InlineData('R', false)]
    [InlineData('S', false)]
    [InlineData('D', false)]
    [InlineData('T', false)]
    [InlineData('t', false)]
    [InlineData('I', false)]
    public void Zombie_and_dead_count_as_exited(char state, bool exited) =>
        Assert.Equal(exited, new ProcessStat(1, state, 1).HasExited);
}
