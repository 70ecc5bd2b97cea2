namespace OciRuntime.Conformance.Cri;

/// <summary>A scenario's expectation that did not hold: its message is the diagnostic printed under `not ok`.</summary>
sealed class ScenarioFailure(string message) : Exception(message);

static class Check
{
    public static void Equal<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ScenarioFailure($"{what}: expected {Show(expected)}, got {Show(actual)}");
    }

    public static void True(bool condition, string message)
    {
        if (!condition) throw new ScenarioFailure(message);
    }

    /// <summary>
    /// Polls CONDITION until it holds or TIMEOUT passes (containerd updates state asynchronously); the failure
    /// names WHAT and, when given, what DESCRIBE says about the last state seen.
    /// </summary>
    public static async Task EventuallyAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new ScenarioFailure($"{what}: not within {timeout.TotalSeconds:0} s{(describe is null ? "" : $" ({describe()})")}");
            await Task.Delay(100);
        }
    }

    static string Show<T>(T value) => value is string s ? $"'{s}'" : $"{value}";
}
