namespace OciRuntime.Spec.Validation;

internal static class HookValidator
{
    public static void Validate(Hooks? hooks, ConfigCheck check)
    {
        if (hooks == null) return;
        ValidateList(hooks.Prestart, "hooks.prestart", check);
        ValidateList(hooks.CreateRuntime, "hooks.createRuntime", check);
        ValidateList(hooks.CreateContainer, "hooks.createContainer", check);
        ValidateList(hooks.StartContainer, "hooks.startContainer", check);
        ValidateList(hooks.Poststart, "hooks.poststart", check);
        ValidateList(hooks.Poststop, "hooks.poststop", check);
    }

    private static void ValidateList(List<Hook>? hooks, string path, ConfigCheck check)
    {
        for (var i = 0; i < (hooks?.Count ?? 0); i++)
        {
            var hook = hooks![i];
            var hookPath = SpecPath.Index(path, i);
            check.RequireAbsolute(SpecPath.Property(hookPath, "path"), hook.Path);
            check.RejectNul(SpecPath.Property(hookPath, "path"), hook.Path);
            if (hook.Timeout is <= 0) throw check.Fail(SpecPath.Property(hookPath, "timeout"), "must be greater than zero");
        }
    }
}
