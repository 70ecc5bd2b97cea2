namespace OciRuntime.Spec.Validation;

/// <summary>How a validator reports: the first problem throws, things runc tolerates are logged as warnings.</summary>
internal sealed class ConfigCheck(string source)
{
    public OciRuntimeException Fail(string path, string reason) =>
        new(path.Length == 0 ? $"{source}: {reason}" : $"{source}: {path}: {reason}");

    public void Warn(string path, string message) => RuntimeLog.Warn($"{source}: {path}: {message}");

    public void RequireAbsolute(string path, string? value)
    {
        if (string.IsNullOrEmpty(value)) throw Fail(path, "must be set");
        if (!value.StartsWith('/')) throw Fail(path, $"\"{value}\" must be an absolute path");
    }

    /// <summary>Strings reach C APIs (mount, execve, open) where a NUL silently truncates them.</summary>
    public void RejectNul(string path, string? value)
    {
        if (value != null && value.Contains('\0')) throw Fail(path, "must not contain a NUL byte");
    }

    public void RequireRange(string path, long? value, long min, long max)
    {
        if (value is { } v && (v < min || v > max)) throw Fail(path, $"{v} is outside {min}..{max}");
    }
}
