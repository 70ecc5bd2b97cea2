using System.Runtime.Versioning;
using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class StateStoreTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly StateStore _store;

    public StateStoreTests() => _store = new StateStore(_temp.Combine("root"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_then_load_round_trips_every_field()
    {
        var record = Records.New("c1");
        record.InitPid = 4242;
        record.InitStartTime = 60104;
        record.Phase = LifecyclePhase.Running;
        record.Annotations["org.example.a"] = "1";
        record.Cgroups = new OciRuntime.Cgroups.CgroupPaths
        {
            Mode = OciRuntime.Cgroups.CgroupMode.Hybrid,
            V1 = new() { ["memory"] = "/sys/fs/cgroup/memory/ocirun/c1" },
            Unified = "/sys/fs/cgroup/unified/ocirun/c1",
        };
        record.NamespacePaths["network"] = "/proc/4242/ns/net";
        record.ConfigHash = "sha256:abc";
        using (_store.Create(record)) { }

        var loaded = _store.Load("c1");
        Assert.Equal("c1", loaded.Id);
        Assert.Equal("/bundles/demo", loaded.Bundle);
        Assert.Equal("/bundles/demo/rootfs", loaded.Rootfs);
        Assert.Equal(4242, loaded.InitPid);
        Assert.Equal(60104UL, loaded.InitStartTime);
        Assert.Equal(record.Created, loaded.Created);
        Assert.Equal(DateTimeKind.Utc, loaded.Created.Kind);
        Assert.Equal("root", loaded.Owner);
        Assert.Equal(LifecyclePhase.Running, loaded.Phase);
        Assert.Equal("1", loaded.Annotations["org.example.a"]);
        Assert.Equal(OciRuntime.Cgroups.CgroupMode.Hybrid, loaded.Cgroups!.Mode);
        Assert.Equal("/sys/fs/cgroup/memory/ocirun/c1", loaded.Cgroups.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/unified/ocirun/c1", loaded.Cgroups.Unified);
        Assert.Equal("/proc/4242/ns/net", loaded.NamespacePaths["network"]);
        Assert.Equal("sha256:abc", loaded.ConfigHash);
    }

    [Fact]
    public void State_file_is_snake_case_json()
    {
        using (_store.Create(Records.New("c1"))) { }
        var json = File.ReadAllText(_store.PathsOf("c1").StateFile);
        Assert.Contains("\"init_pid\":0", json);
        Assert.Contains("\"init_start_time\":0", json);
        Assert.Contains("\"phase\":\"created\"", json);
        Assert.DoesNotContain("config_hash", json);
    }

    [Fact]
    public void Fields_from_a_newer_ocirun_survive_a_save()
    {
        using (_store.Create(Records.New("c1"))) { }
        var stateFile = _store.PathsOf("c1").StateFile;
        File.WriteAllText(stateFile, File.ReadAllText(stateFile)[..^1] + ",\"future_field\":{\"x\":[1,2]}}");

        var record = _store.Load("c1");
        record.InitPid = 7;
        _store.Save(record);

        Assert.Contains("\"future_field\":{\"x\":[1,2]}", File.ReadAllText(stateFile));
        Assert.Equal(7, _store.Load("c1").InitPid);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Creates_the_root_0700_the_container_directory_0711_and_the_state_file_0600()
    {
        using (_store.Create(Records.New("c1"))) { }
        var paths = _store.PathsOf("c1");
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(_store.Root));
        Assert.Equal((UnixFileMode)0b111_001_001, File.GetUnixFileMode(paths.Directory));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(paths.StateFile));
        Assert.Equal([ContainerPaths.StateFileName], Directory.GetFileSystemEntries(paths.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Creating_an_existing_id_fails_with_runcs_message_and_leaves_the_first_intact()
    {
        using (_store.Create(Records.New("c1", "/first"))) { }
        var error = Assert.Throws<ContainerExistsException>(() => _store.Create(Records.New("c1", "/second")));
        Assert.Equal("container with given ID already exists", error.Message);
        Assert.Equal("/first", _store.Load("c1").Bundle);
        Assert.Equal(["c1"], Directory.GetFileSystemEntries(_store.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void Concurrent_creates_of_one_id_let_exactly_one_win()
    {
        var outcomes = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(16).Select(i =>
        {
            try
            {
                using (new StateStore(_store.Root).Create(Records.New("c1", $"/b{i}"))) { }
                return true;
            }
            catch (ContainerExistsException)
            {
                return false;
            }
        }).ToList();
        Assert.Single(outcomes, won => won);
        Assert.Equal(["c1"], Directory.GetFileSystemEntries(_store.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Create_hands_back_the_lock_held()
    {
        using var held = _store.Create(Records.New("c1"));
        Assert.Equal("c1", held.Id);
        var other = Task.Run(() => new StateStore(_store.Root).Lock("c1"));
        Assert.False(await other.FinishesWithin(TaskTiming.Blocked));
        held.Dispose();
        Assert.True(await other.FinishesWithin(TaskTiming.Eventually));
        (await other).Dispose();
    }

    [Fact]
    public void Create_refuses_relative_bundle_paths()
    {
        var record = Records.New("c1");
        record.Bundle = "relative/bundle";
        Assert.Throws<ArgumentException>(() => _store.Create(record));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Create_validates_the_id()
    {
        var error = Assert.Throws<OciRuntimeException>(() => _store.Create(Records.New("../escape")));
        Assert.Equal("invalid container ID format", error.Message);
        Assert.False(Directory.Exists(_store.Root));
    }

    [Fact]
    public void Read_only_operations_create_nothing()
    {
        Assert.Empty(_store.List());
        Assert.Throws<ContainerNotFoundException>(() => _store.Load("c1"));
        Assert.Throws<ContainerNotFoundException>(() => _store.Lock("c1"));
        Assert.Throws<ContainerNotFoundException>(() => _store.Delete("c1"));
        Assert.False(Directory.Exists(_store.Root));
    }

    [Fact]
    public void Missing_container_has_runcs_message()
    {
        var error = Assert.Throws<ContainerNotFoundException>(() => _store.Load("nope"));
        Assert.Equal("container does not exist", error.Message);
    }

    [Fact]
    public void Save_never_recreates_a_deleted_container()
    {
        using (_store.Create(Records.New("c1"))) { }
        var record = _store.Load("c1");
        _store.Delete("c1");
        Assert.Throws<ContainerNotFoundException>(() => _store.Save(record));
        Assert.Empty(Directory.GetFileSystemEntries(_store.Root));
    }

    [Fact]
    public void Delete_removes_the_directory_with_everything_in_it()
    {
        using (_store.Create(Records.New("c1"))) { }
        var paths = _store.PathsOf("c1");
        File.WriteAllText(paths.ExecFifo, "");
        Directory.CreateDirectory(Path.Combine(paths.Directory, "sub"));

        _store.Delete("c1");

        Assert.False(Directory.Exists(paths.Directory));
        Assert.Empty(Directory.GetFileSystemEntries(_store.Root));
        Assert.Throws<ContainerNotFoundException>(() => _store.Load("c1"));
    }

    [Fact]
    public void List_gives_ids_in_runcs_order_and_skips_anything_that_is_not_a_container()
    {
        foreach (var id in new[] { "c2", "a-much-longer-container-id.1", "C1", "c1" })
            using (_store.Create(Records.New(id))) { }
        Directory.CreateDirectory(Path.Combine(_store.Root, ".new.~0123456789abcdef"));
        File.WriteAllText(Path.Combine(_store.Root, "not-a-directory"), "");

        Assert.Equal(["C1", "a-much-longer-container-id.1", "c1", "c2"], _store.List());
    }

    [Fact]
    public void Load_reports_a_corrupt_state_file_with_its_path()
    {
        using (_store.Create(Records.New("c1"))) { }
        var stateFile = _store.PathsOf("c1").StateFile;
        File.WriteAllText(stateFile, "{\"id\":");
        var error = Assert.Throws<OciRuntimeException>(() => _store.Load("c1"));
        Assert.StartsWith(stateFile + ": ", error.Message);
    }

    [Fact]
    public void Load_refuses_a_state_file_of_another_container()
    {
        using (_store.Create(Records.New("c1"))) { }
        using (_store.Create(Records.New("c2"))) { }
        File.Copy(_store.PathsOf("c2").StateFile, _store.PathsOf("c1").StateFile, overwrite: true);
        var error = Assert.Throws<OciRuntimeException>(() => _store.Load("c1"));
        Assert.EndsWith("does not describe container c1", error.Message);
    }

    [Fact]
    public void Paths_name_the_files_the_lifecycle_uses()
    {
        var paths = _store.PathsOf("c1");
        Assert.Equal(Path.Combine(_store.Root, "c1"), paths.Directory);
        Assert.Equal(Path.Combine(_store.Root, "c1", "state.json"), paths.StateFile);
        Assert.Equal(Path.Combine(_store.Root, "c1", "exec.fifo"), paths.ExecFifo);
    }

    [Fact]
    public void Root_is_made_absolute() =>
        Assert.Equal(Path.GetFullPath("relative-root"), new StateStore("relative-root").Root);
}
