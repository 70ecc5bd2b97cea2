namespace OciRuntime.Tests.State;

internal static class TaskTiming
{
    public static readonly TimeSpan Blocked = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Eventually = TimeSpan.FromSeconds(10);

    /// <summary>True when <paramref name="task"/> finishes (in any way) within <paramref name="time"/>.</summary>
    public static async Task<bool> FinishesWithin(this Task task, TimeSpan time) =>
        await Task.WhenAny(task, Task.Delay(time)) == task;
}
