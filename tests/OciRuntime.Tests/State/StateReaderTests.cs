using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class StateReaderTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly StateStore _store;
    private readonly StateReader _reader;

    public StateReaderTests()
    {
        _store = new StateStore(_temp.Combine("root"));
        var proc = new FakeProc(_temp.Combine("proc"));
        proc.Add(100, 'S', 5);
        _reader = new StateReader(_store, new StatusResolver(new ProcessIdentity(proc.Root), NeverFrozen.Instance));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_one_container_with_its_observed_status()
    {
        var record = Records.New("c1");
        record.InitPid = 100;
        record.InitStartTime = 5;
        using (_store.Create(record)) { }
        File.WriteAllText(_store.PathsOf("c1").ExecFifo, "");

        var state = _reader.Read("c1");
        Assert.Equal("created", state.Status);
        Assert.Equal(100, state.Pid);
    }

    [Fact]
    public void Reading_an_unknown_container_fails_with_does_not_exist() =>
        Assert.Throws<ContainerNotFoundException>(() => _reader.Read("nope"));

    [Fact]
    public void Reads_all_containers_skipping_and_reporting_broken_ones()
    {
        var running = Records.New("b-running");
        running.InitPid = 100;
        running.InitStartTime = 5;
        using (_store.Create(running)) { }
        var stopped = Records.New("c-stopped");
        stopped.InitPid = 200;
        using (_store.Create(stopped)) { }
        using (_store.Create(Records.New("a-broken"))) { }
        File.WriteAllText(_store.PathsOf("a-broken").StateFile, "{");
        Directory.CreateDirectory(Path.Combine(_store.Root, "d-no-state-file"));

        var errors = new List<string>();
        var states = _reader.ReadAll((id, error) => errors.Add(id));

        Assert.Equal(["b-running:running:100", "c-stopped:stopped:0"], states.Select(s => $"{s.Id}:{s.Status}:{s.Pid}"));
        Assert.Equal(["a-broken"], errors);
    }
}
