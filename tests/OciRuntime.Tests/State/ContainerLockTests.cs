using OciRuntime.Container.State;
using Xunit;
using static OciRuntime.Tests.State.TaskTiming;

namespace OciRuntime.Tests.State;

/// <summary>Every store instance here opens its own descriptors, as separate ocirun processes would.</summary>
public sealed class ContainerLockTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly string _root;

    public ContainerLockTests()
    {
        _root = _temp.Combine("root");
        using (new StateStore(_root).Create(Records.New("c1", "/first"))) { }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_second_lock_waits_until_the_first_is_released()
    {
        var first = new StateStore(_root).Lock("c1");
        var second = Task.Run(() => new StateStore(_root).Lock("c1"));

        Assert.False(await second.FinishesWithin(Blocked));
        first.Dispose();
        Assert.True(await second.FinishesWithin(Eventually));
        (await second).Dispose();
    }

    [Fact]
    public async Task Locks_on_different_containers_do_not_wait_for_each_other()
    {
        var store = new StateStore(_root);
        using (store.Create(Records.New("c2"))) { }
        using var first = store.Lock("c1");
        var second = Task.Run(() => new StateStore(_root).Lock("c2"));
        Assert.True(await second.FinishesWithin(Eventually));
        (await second).Dispose();
    }

    [Fact]
    public async Task A_waiter_sees_does_not_exist_when_the_container_is_deleted_meanwhile()
    {
        var store = new StateStore(_root);
        var holder = store.Lock("c1");
        var waiter = Task.Run(() => new StateStore(_root).Lock("c1"));
        Assert.False(await waiter.FinishesWithin(Blocked));

        store.Delete("c1");
        holder.Dispose();

        Assert.True(await waiter.FinishesWithin(Eventually));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => waiter);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task A_waiter_locks_the_new_container_when_the_id_is_deleted_and_created_again_meanwhile()
    {
        var store = new StateStore(_root);
        var holder = store.Lock("c1");
        var waiter = Task.Run(() =>
        {
            var other = new StateStore(_root);
            using (other.Lock("c1")) return other.Load("c1").Bundle;
        });
        Assert.False(await waiter.FinishesWithin(Blocked));

        store.Delete("c1");
        var recreated = store.Create(Records.New("c1", "/second"));
        holder.Dispose();
        Assert.False(await waiter.FinishesWithin(Blocked)); // now waiting on the new container's lock
        recreated.Dispose();

        Assert.True(await waiter.FinishesWithin(Eventually));
        Assert.Equal("/second", await waiter);
    }

    [Fact]
    public async Task Locked_read_modify_write_from_32_threads_loses_no_update_and_readers_always_see_valid_json()
    {
        const int threads = 32;
        const int incrementsEach = 10;
        using var done = new CancellationTokenSource();
        var readsSeen = 0;
        var reader = Task.Run(() =>
        {
            var store = new StateStore(_root);
            while (!done.IsCancellationRequested)
            {
                Assert.Equal("c1", store.Load("c1").Id);
                readsSeen++;
            }
        });

        var writers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            var store = new StateStore(_root);
            for (var i = 0; i < incrementsEach; i++)
            {
                using (store.Lock("c1"))
                {
                    var record = store.Load("c1");
                    var count = record.Annotations.TryGetValue("count", out var text) ? int.Parse(text) : 0;
                    record.Annotations["count"] = (count + 1).ToString();
                    store.Save(record);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        done.Cancel();
        await reader.WaitAsync(Eventually);

        Assert.Equal((threads * incrementsEach).ToString(), new StateStore(_root).Load("c1").Annotations["count"]);
        Assert.True(readsSeen > 0);
        Assert.Equal(["state.json"], Directory.GetFileSystemEntries(Path.Combine(_root, "c1")).Select(Path.GetFileName));
    }
}
