namespace OciRuntime.Container.State;

/// <summary>How runc's list names a container's owner: the passwd user name, or <c>#UID</c> without one.</summary>
public static class UserNames
{
    public static string Of(uint uid) => StateSyscalls.UserName(uid) ?? $"#{uid}";

    /// <summary>The owner to record for a container this process creates.</summary>
    public static string OfCurrentUser() => Of(StateSyscalls.EffectiveUserId());
}
