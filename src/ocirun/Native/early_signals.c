/*
 * Runs before the .NET runtime starts: blocks the signals a foreground `run` or `exec` forwards, so the threads the
 * runtime starts before Main (its finalizer thread) inherit them blocked. A signalfd only sees a signal that every
 * thread blocks, and a thread can only change its own mask: without this, ocirun has to make the finalizer thread
 * run a finalizer to block them, which costs a forced collection per foreground command. Main then gives its own
 * thread the mask ocirun was started with (ocirun_restore_signal_mask), so every command but the forwarding ones sees
 * its signals as before. The set matches SignalForwarder's; a signal missing here only brings the collection back.
 */
#include <signal.h>
#include <stdint.h>

static sigset_t inherited_mask;
static uint64_t blocked_for_runtime_threads;

__attribute__((constructor)) static void block_forwarded_signals(void)
{
    static const int forwarded[] = {
        SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
        SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCHLD,
    };
    sigset_t set;
    uint64_t bits = 0;
    sigemptyset(&set);
    for (unsigned i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        sigaddset(&set, forwarded[i]);
        bits |= UINT64_C(1) << (forwarded[i] - 1);
    }
    if (pthread_sigmask(SIG_BLOCK, &set, &inherited_mask) == 0)
        blocked_for_runtime_threads = bits;
}

/* Gives the calling (main) thread back the mask ocirun was started with; returns the signals the runtime's early
 * threads block (one bit per signal, bit N-1 for signal N), 0 when the constructor could not block them. */
uint64_t ocirun_restore_signal_mask(void)
{
    if (blocked_for_runtime_threads != 0)
        pthread_sigmask(SIG_SETMASK, &inherited_mask, 0);
    return blocked_for_runtime_threads;
}
