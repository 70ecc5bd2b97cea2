using System.Text;
using Ocirun.Cli;
using Xunit;

namespace OciRuntime.Tests.Cli;

public class HelpTests
{
    [Fact]
    public void Every_help_page_matches_its_snapshot()
    {
        var pages = new StringBuilder();
        pages.Append("$ ocirun --help\n").Append(HelpWriter.AppHelp());
        foreach (var name in CommandCatalog.Names)
        {
            var command = CommandCatalog.Find(name)!;
            if (command.Hidden) continue;
            pages.Append("\n$ ocirun ").Append(name).Append(" --help\n").Append(HelpWriter.CommandHelp(command));
        }
        Snapshot.Match("cli-help.txt", pages.ToString());
    }

    [Fact]
    public void The_command_list_hides_init_and_docs_and_shows_the_rest()
    {
        var help = HelpWriter.AppHelp();
        Assert.DoesNotContain("\n   init ", help);
        Assert.DoesNotContain("\n   docs ", help);
        foreach (var name in CommandCatalog.Names)
            if (name is not ("init" or "docs")) Assert.Contains($"\n   {name} ", help);
    }

    [Fact]
    public void Hidden_flags_are_accepted_but_not_shown() =>
        Assert.DoesNotContain("kernel-memory", HelpWriter.CommandHelp(CommandCatalog.Find("update")!));
}
