using Ocirun.Output;
using OciRuntime;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class PsPrinterTests
{
    private const string PsEf =
        "UID          PID    PPID  C STIME TTY          TIME CMD\n" +
        "root           1       0  0 10:00 ?        00:00:01 /sbin/init\n" +
        "root        4242    4000  0 10:01 ?        00:00:00 sleep 100\n" +
        "root        4243    4242  0 10:01 ?        00:00:00 sh -c x\n" +
        "root        5000       1  0 10:02 pts/0    00:00:00 bash\n";

    [Fact]
    public void Json_is_an_array_of_pids_on_one_line()
    {
        var text = new StringWriter();
        PsPrinter.PrintJson([4242, 4243], text);
        Assert.Equal("[4242,4243]\n", text.ToString());
    }

    [Fact]
    public void Json_of_no_pids_is_an_empty_array()
    {
        var text = new StringWriter();
        PsPrinter.PrintJson([], text);
        Assert.Equal("[]\n", text.ToString());
    }

    [Fact]
    public void Table_keeps_the_header_and_the_lines_of_the_containers_pids()
    {
        var text = new StringWriter();
        PsPrinter.PrintTable(PsEf, [4243, 4242], text);
        Assert.Equal(
            "UID          PID    PPID  C STIME TTY          TIME CMD\n" +
            "root        4242    4000  0 10:01 ?        00:00:00 sleep 100\n" +
            "root        4243    4242  0 10:01 ?        00:00:00 sh -c x\n",
            text.ToString());
    }

    [Fact]
    public void Table_finds_the_pid_column_wherever_ps_puts_it()
    {
        var text = new StringWriter();
        PsPrinter.PrintTable("  PPID   PID COMMAND\n     1  4242 sleep\n     1  4300 other\n", [4242], text);
        Assert.Equal("  PPID   PID COMMAND\n     1  4242 sleep\n", text.ToString());
    }

    [Fact]
    public void Table_without_a_pid_column_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => PsPrinter.PrintTable("USER COMMAND\nroot init\n", [1], new StringWriter()));
        Assert.Equal("couldn't find PID field in ps output", e.Message);
    }

    [Fact]
    public void Table_line_with_no_number_in_the_pid_column_is_refused()
    {
        var e = Assert.Throws<OciRuntimeException>(() => PsPrinter.PrintTable("PID CMD\nabc x\n", [1], new StringWriter()));
        Assert.Equal("unable to parse pid: abc x", e.Message);
    }
}
