import CGDAL
import Foundation

/// The operating-system calls covgap needs beyond Foundation, kept in the bridge with every other C call.
public enum SystemCalls {
    /// Asks glibc to serve every allocation of 1 MiB or more with its own mapping, returned to the system when freed.
    /// Without it, glibc raises that threshold after the first large free, and the kernel's row buffers and GDAL's
    /// blocks then come from per-thread heaps that keep what they once held: the national 50 m run peaked at 1.65 GB
    /// instead of 0.84 GB with it. No cost was measurable on the national 100 m run (41.3 s median with it).
    public static func returnLargeBuffersToTheSystem() {
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
    }

    /// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE); false where the kernel lacks it.
    public static func exchange(_ a: String, _ b: String) -> Bool { covgap_rename_exchange(a, b) == 0 }

    /// True when standard error is a terminal (progress bars there, plain lines elsewhere).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// True while a process with this id exists (signal 0 probes without signalling).
    public static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }
}
