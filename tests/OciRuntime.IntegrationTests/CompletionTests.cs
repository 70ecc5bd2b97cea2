using OciRuntime.IntegrationTests.Infrastructure;
using Xunit;

namespace OciRuntime.IntegrationTests;

/// <summary>
/// The completion scripts the binary writes (<c>ocirun docs bash|zsh</c>), run by each shell's own completion
/// machinery: bash-completion's <c>_init_completion</c> with COMP_WORDS, and zsh's compinit in an interactive zsh
/// driven through zpty, where a real TAB completes the line. Container ids come from a real created container.
/// </summary>
public sealed class CompletionTests
{
    private const string BashDriver = """
        source /usr/share/bash-completion/bash_completion
        source "$1"
        line=$2
        COMP_LINE=$line COMP_POINT=${#line}
        read -ra COMP_WORDS <<<"$line"
        [[ $line == *' ' ]] && COMP_WORDS+=('')
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _ocirun
        printf '%s\n' "${COMPREPLY[@]}"
        """;

    // An interactive zsh in a pseudo-terminal: compinit from a private fpath, the line typed with a TAB, then a key
    // bound to a widget that prints the edited buffer between markers (spelled so that the echoed input has none).
    private const string ZshDriver = """
        zmodload zsh/zpty
        zpty -b z "env -i HOME=/nonexistent TERM=dumb PATH=$PATH zsh -f -i"
        zpty -w z "PS1='' PROMPT_EOL_MARK=''; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep"
        zpty -w z "_dump() { print -r -- \"\${(L):-BUFFER-START}\$BUFFER\${(L):-BUFFER-END}\" }; zle -N _dump; bindkey '^X' _dump"
        zpty -w -n z "$2"$'\t\C-x'
        out=
        for i in {1..300}; do
          while zpty -r -t z chunk; do out+=$chunk; done
          [[ $out == *buffer-start*buffer-end* ]] && break
          sleep 0.1
        done
        zpty -d z
        [[ $out == *buffer-start*buffer-end* ]] || { print -r -- "no completion result in: $out" >&2; exit 1 }
        out=${out##*buffer-start}
        print -r -- "${out%%buffer-end*}"
        """;

    [SkippableFact]
    public void Bash_completes_commands_flags_and_the_container_ids_of_the_root_given_earlier()
    {
        RequireTool("/usr/share/bash-completion/bash_completion", "bash-completion");
        using var scripts = new CompletionScripts();
        Assert.Equal(["exec"], Bash(scripts, "ocirun ex"));
        Assert.Equal(["info"], Bash(scripts, "ocirun inf"));
        Assert.Equal(["--all"], Bash(scripts, "ocirun kill --a"));
        Assert.Equal(["--log", "--log-format"], Bash(scripts, "ocirun --lo"));
        Assert.Empty(Bash(scripts, "ocirun update --kernel-m"));

        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId("compl");
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        Assert.Equal([id], Bash(scripts, $"ocirun --root {bundle.StateRoot} start "));
        Assert.Equal([id], Bash(scripts, $"ocirun --debug --root={bundle.StateRoot} delete --force "));
        Assert.Empty(Bash(scripts, $"ocirun --root {bundle.StateRoot} kill {id} "));
        Assert.DoesNotContain(id, Bash(scripts, "ocirun start "));
        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
    }

    [SkippableFact]
    public void Zsh_completes_commands_flags_and_the_container_ids_of_the_root_given_earlier()
    {
        RequireTool("/usr/bin/zsh", "zsh");
        using var scripts = new CompletionScripts();
        Assert.Equal("ocirun exec ", Zsh(scripts, "ocirun ex"));
        Assert.Equal("ocirun --root /tmp kill --all ", Zsh(scripts, "ocirun --root /tmp kill --a"));
        Assert.Equal("ocirun help features ", Zsh(scripts, "ocirun help fea"));

        Root.Require();
        using var bundle = new BusyboxBundle("true");
        var id = bundle.NewId("compl");
        Assert.Equal(0, bundle.Ocirun("create", "--bundle", bundle.Directory, id).ExitCode);
        Assert.Equal($"ocirun --root {bundle.StateRoot} state {id} ", Zsh(scripts, $"ocirun --root {bundle.StateRoot} state "));
        Assert.Equal(0, bundle.Ocirun("delete", "--force", id).ExitCode);
    }

    private static string[] Bash(CompletionScripts scripts, string line)
    {
        var result = Ocirun.Exec("/bin/bash", ["-c", BashDriver, "bash", scripts.Bash, line], environment: scripts.Environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Zsh(CompletionScripts scripts, string line)
    {
        var result = Ocirun.Exec("/usr/bin/zsh", ["-f", "-c", ZshDriver, "zsh", scripts.ZshDirectory, line],
            environment: scripts.Environment, timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.TrimEnd('\n');
    }

    private static void RequireTool(string path, string package)
    {
        if (File.Exists(path)) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{path} is missing: install {package} (make deps)");
        Skip.If(true, $"needs {package}");
    }

    /// <summary>The scripts `ocirun docs` writes, and a PATH on which `ocirun` is the binary under test.</summary>
    private sealed class CompletionScripts : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("ocirun-completion-").FullName;

        public CompletionScripts()
        {
            Bash = Path.Combine(directory, "ocirun.bash");
            ZshDirectory = Path.Combine(directory, "zsh");
            Directory.CreateDirectory(ZshDirectory);
            File.WriteAllText(Bash, Generate("bash"));
            File.WriteAllText(Path.Combine(ZshDirectory, "_ocirun"), Generate("zsh"));
            // The scripts run `ocirun list` by the name typed on the line.
            var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
            File.CreateSymbolicLink(Path.Combine(bin, "ocirun"), Path.GetFullPath(Ocirun.BinaryPath));
            Environment = new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/sbin:/usr/bin:/sbin:/bin" };
        }

        public string Bash { get; }
        public string ZshDirectory { get; }
        public Dictionary<string, string> Environment { get; }

        private static string Generate(string shell)
        {
            var result = Ocirun.Run(["docs", shell]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Stdout;
        }

        public void Dispose() => Directory.Delete(directory, recursive: true);
    }
}
