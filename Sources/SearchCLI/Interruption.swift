import Foundation
import Synchronization

/// Ctrl-C and SIGTERM (systemd stopping a unit) ask a long run to stop at the next file, so it
/// can commit what it finished and say what it kept. A second signal ends the process at once,
/// which is safe too: SQLite rolls the open transaction back.
enum Interruption {
    private static let requested = Atomic<Bool>(false)

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    static func install() {
        // Touch the flag before any handler can run: its lazy initialization is not
        // async-signal-safe.
        _ = isRequested
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { received in
                Interruption.requested.store(true, ordering: .relaxed)
                signal(received, SIG_DFL)
            }
            sigaddset(&signals, signalNumber)
        }
        // A parent may hand its blocked-signal mask down (exec keeps it): without this, Ctrl-C
        // would stay pending until exit and the run would never stop.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
