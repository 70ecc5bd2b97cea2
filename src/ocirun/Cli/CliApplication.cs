using OciRuntime;
using Ocirun.Logging;
using Ocirun.Streams;

namespace Ocirun.Cli;

/// <summary>
/// One run of ocirun: parse the global flags, route the log, parse the subcommand, run it, and turn whatever
/// goes wrong into one line on stderr (and in the --log file) with the right exit code. Nothing escapes as a
/// stack trace unless --debug asks for it.
/// </summary>
internal sealed class CliApplication(IOutput stdout, IOutput stderr, Func<DateTimeOffset> clock)
{
    public int Run(string[] args)
    {
        var reporter = new ErrorReporter(stderr, null);
        var debug = false;
        try
        {
            var line = GlobalCommandLine.Parse(args);
            debug = line.Options.Debug;
            reporter = new ErrorReporter(stderr, LogSetup.Install(line.Options, stderr, clock));
            return Execute(CommandLineParser.Parse(line, stdout), reporter, debug);
        }
        catch (UsageException e)
        {
            reporter.Report(ErrorLine.ForUsage(e));
            return e.ExitCode;
        }
        catch (Exception e)
        {
            return ReportBug(reporter, null, null, e, debug, Invocation.DefaultFailureExitCode);
        }
    }

    public static int Execute(Invocation invocation, ErrorReporter reporter, bool debug)
    {
        try
        {
            return invocation.Run();
        }
        catch (OciRuntimeException e)
        {
            reporter.Report(ErrorLine.Format(invocation.Command, invocation.ContainerId, e.Message));
            if (debug) reporter.Detail(e.ToString());
            return invocation.FailureExitCode;
        }
        catch (Exception e)
        {
            return ReportBug(reporter, invocation.Command, invocation.ContainerId, e, debug, invocation.FailureExitCode);
        }
    }

    private static int ReportBug(ErrorReporter reporter, string? command, string? containerId, Exception e, bool debug, int exitCode)
    {
        var message = $"{e.Message} (unexpected {e.GetType().Name}: this is a bug in ocirun)";
        reporter.Report(ErrorLine.Format(command, containerId, message));
        if (debug) reporter.Detail(e.ToString());
        return exitCode;
    }
}
