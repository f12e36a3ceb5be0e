import CGDAL
import Foundation

/// The operating-system calls covgap needs beyond Foundation, kept in the bridge with every other C call.
public enum SystemCalls {
    /// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE); false where the kernel lacks it.
    public static func exchange(_ a: String, _ b: String) -> Bool { covgap_rename_exchange(a, b) == 0 }

    /// True when standard error is a terminal (progress bars there, plain lines elsewhere).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// True while a process with this id exists (signal 0 probes without signalling).
    public static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }
}
