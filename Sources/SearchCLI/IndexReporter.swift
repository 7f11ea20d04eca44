import Foundation
import SearchIndex

/// What an index run prints while it works, all on standard error: warnings, the details of
/// `--verbose`, and on a terminal a progress line (files, MB, rate, ETA) once the run has
/// lasted a second. The progress line is erased before any other line is written.
final class IndexReporter {
    private let showsProgress: Bool
    private let verbose: Bool
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var progressVisible = false

    /// Progress appears only after this long, so quick runs print nothing but their summary.
    static let quietPeriod = Duration.seconds(1)
    static let redrawInterval = Duration.milliseconds(100)

    init(quiet: Bool, verbose: Bool) {
        showsProgress = !quiet && isatty(STDERR_FILENO) == 1
        self.verbose = verbose && !quiet
    }

    var observer: IndexObserver {
        IndexObserver(
            warning: { [self] in line($0, prefixed: true) },
            detail: { [self] in if verbose { line($0, prefixed: false) } },
            progress: { [self] in draw($0) },
            isCancelled: { Interruption.isRequested })
    }

    private func line(_ message: String, prefixed: Bool) {
        erase()
        Output.error(message, prefixed: prefixed)
    }

    private func draw(_ progress: IndexProgress) {
        guard showsProgress else { return }
        let now = ContinuousClock.now
        let elapsed = now - started
        guard elapsed >= Self.quietPeriod else { return }
        if let lastDrawn, now - lastDrawn < Self.redrawInterval, progress.filesDone < progress.filesTotal { return }
        lastDrawn = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(progress.bytesDone) / max(seconds, 0.001)
        var text = "indexing \(IndexSummary.grouped(progress.filesDone))/\(IndexSummary.grouped(progress.filesTotal)) files"
        text += String(format: " · %.1f/%.1f MB · %.1f MB/s", Self.megabytes(progress.bytesDone),
                       Self.megabytes(progress.bytesTotal), rate / 1e6)
        if rate > 0, progress.bytesDone < progress.bytesTotal {
            text += " · ETA " + Self.clock(Double(progress.bytesTotal - progress.bytesDone) / rate)
        }
        Output.errorRaw("\r\u{1B}[K" + text)
        progressVisible = true
    }

    /// Removes the progress line, before another line or at the end of the run.
    func erase() {
        guard progressVisible else { return }
        Output.errorRaw("\r\u{1B}[K")
        progressVisible = false
    }

    static func megabytes(_ bytes: Int64) -> Double { Double(bytes) / 1e6 }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
