using System.Text;
using OciRuntime.Container.State;
using Tmds.Linux;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class StatusResolverTests : IDisposable
{
    private const int Pid = 4242;
    private const ulong StartTime = 60104;

    private readonly TemporaryDirectory _temp = new();
    private readonly FakeProc _proc;
    private readonly ContainerPaths _paths;

    public StatusResolverTests()
    {
        _proc = new FakeProc(_temp.Combine("proc"));
        Directory.CreateDirectory(_proc.Root);
        _paths = new ContainerPaths(_temp.Combine("c1"));
        Directory.CreateDirectory(_paths.Directory);
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, int, char?, ulong, bool, bool, ContainerStatus> Cases => new()
    {
        // case,                        recorded pid, proc state, proc start, fifo,  frozen, expected
        { "no pid yet",                 0,   null, 0,              false, false, ContainerStatus.Creating },
        { "no pid yet, fifo made",      0,   null, 0,              true,  false, ContainerStatus.Creating },
        { "init waiting on the fifo",   Pid, 'S',  StartTime,      true,  false, ContainerStatus.Created },
        { "started",                    Pid, 'S',  StartTime,      false, false, ContainerStatus.Running },
        { "started, busy",              Pid, 'R',  StartTime,      false, false, ContainerStatus.Running },
        { "frozen",                     Pid, 'S',  StartTime,      false, true,  ContainerStatus.Paused },
        { "frozen before start",        Pid, 'S',  StartTime,      true,  true,  ContainerStatus.Paused },
        { "gone",                       Pid, null, 0,              false, false, ContainerStatus.Stopped },
        { "gone before start",          Pid, null, 0,              true,  false, ContainerStatus.Stopped },
        { "gone, freezer still frozen", Pid, null, 0,              false, true,  ContainerStatus.Stopped },
        { "zombie",                     Pid, 'Z',  StartTime,      false, false, ContainerStatus.Stopped },
        { "dead",                       Pid, 'X',  StartTime,      false, false, ContainerStatus.Stopped },
        { "pid reused",                 Pid, 'S',  StartTime + 17, false, false, ContainerStatus.Stopped },
        { "pid reused, fifo left",      Pid, 'S',  StartTime + 17, true,  false, ContainerStatus.Stopped },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derives_the_status_from_what_is_observable(
        string situation, int recordedPid, char? procState, ulong procStart, bool fifo, bool frozen, ContainerStatus expected)
    {
        if (procState is { } state) _proc.Add(Pid, state, procStart);
        if (fifo) File.WriteAllText(_paths.ExecFifo, "");
        var record = Records.New("c1");
        record.InitPid = recordedPid;
        record.InitStartTime = StartTime;
        var resolver = new StatusResolver(new ProcessIdentity(_proc.Root), new FixedFreezer(frozen));

        Assert.True(expected == resolver.Resolve(record, _paths), situation);
    }

    [Fact]
    public unsafe void A_real_fifo_counts_as_present()
    {
        _proc.Add(Pid, 'S', StartTime);
        fixed (byte* path = Encoding.UTF8.GetBytes(_paths.ExecFifo + "\0"))
            Assert.Equal(0, LibC.mkfifo(path, 0b110_010_010));
        var record = Records.New("c1");
        record.InitPid = Pid;
        record.InitStartTime = StartTime;

        Assert.Equal(ContainerStatus.Created, new StatusResolver(new ProcessIdentity(_proc.Root), NeverFrozen.Instance).Resolve(record, _paths));
    }

    [Fact]
    public void The_default_resolver_sees_this_process_as_running()
    {
        var record = Records.New("c1");
        record.InitPid = Environment.ProcessId;
        record.InitStartTime = new ProcessIdentity().Read(Environment.ProcessId)!.Value.StartTime;
        Assert.Equal(ContainerStatus.Running, new StatusResolver().Resolve(record, _paths));
    }

    [Theory]
    [InlineData(ContainerStatus.Creating, "creating")]
    [InlineData(ContainerStatus.Created, "created")]
    [InlineData(ContainerStatus.Running, "running")]
    [InlineData(ContainerStatus.Stopped, "stopped")]
    [InlineData(ContainerStatus.Paused, "paused")]
    public void Statuses_read_as_the_spec_words(ContainerStatus status, string word) =>
        Assert.Equal(word, status.ToOciString());

    private sealed class FixedFreezer(bool frozen) : IFreezerProbe
    {
        public bool IsFrozen(ContainerRecord record) => frozen;
    }
}
