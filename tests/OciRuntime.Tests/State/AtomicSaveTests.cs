using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public sealed class AtomicSaveTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_reader_in_a_loop_never_sees_a_partial_state_file_while_writers_rewrite_it()
    {
        var root = _temp.Combine("root");
        using (new StateStore(root).Create(Records.New("c1"))) { }
        using var done = new CancellationTokenSource();

        // Sizes alternate between a few bytes and 256 KiB, so a torn read would show as a payload that does
        // not match its generation, or as invalid JSON.
        var writers = Enumerable.Range(0, 2).Select(w => Task.Factory.StartNew(() =>
        {
            var store = new StateStore(root);
            for (var generation = 1; generation <= 60; generation++)
            {
                var record = Records.New("c1");
                record.Annotations["generation"] = generation.ToString();
                record.Annotations["payload"] = new string((char)('a' + generation % 26), PayloadLength(generation));
                store.Save(record);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        var reads = 0;
        var reader = Task.Factory.StartNew(() =>
        {
            var store = new StateStore(root);
            while (!done.IsCancellationRequested)
            {
                var record = store.Load("c1");
                if (record.Annotations.TryGetValue("generation", out var text))
                {
                    var generation = int.Parse(text);
                    Assert.Equal(new string((char)('a' + generation % 26), PayloadLength(generation)), record.Annotations["payload"]);
                }
                reads++;
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));
        done.Cancel();
        await reader.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(reads > 0);
    }

    private static int PayloadLength(int generation) => generation % 2 == 0 ? 256 * 1024 : 3;
}
