import CGDAL
import Foundation

/// The operating-system calls covgap needs beyond Foundation, kept in the bridge with every other C call.
public enum SystemCalls {
    /// Asks glibc to serve every allocation of 1 MiB or more with its own mapping, returned to the system when freed.
    /// Without it, glibc raises that threshold after the first large free, and the kernel's row buffers and GDAL's
    /// blocks then come from per-thread heaps that keep what they once held, so peak memory grows with the run instead
    /// of staying at what the tiles need (the figures are in benchmarks/RESULTS.md).
    public static func returnLargeBuffersToTheSystem() {
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
    }

    /// Hands memory freed in glibc's heaps back to the system: after a large upload is reviewed, its parsed objects
    /// would otherwise stay counted against the service for good.
    public static func releaseFreedMemory() { _ = malloc_trim(0) }

    /// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE); false where the kernel lacks it.
    public static func exchange(_ a: String, _ b: String) -> Bool { covgap_rename_exchange(a, b) == 0 }

    /// True when standard error is a terminal (progress bars there, plain lines elsewhere).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// True while a process with this id exists (signal 0 probes without signalling).
    public static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

    /// What a directory entry is, without following a link at it.
    public enum EntryKind: Sendable, Equatable { case regular, directory, symbolicLink, other, missing }

    /// The kind of the entry at `path` itself (lstat: a link is reported as a link, not as what it points at).
    public static func entryKind(_ path: String) -> EntryKind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// `path` with every link and `..` resolved, nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Which file a path is and when it last changed: device, inode, size, and modification and status-change times to
    /// the nanosecond. Any write, replacement or rename over the path changes it (the status-change time cannot be set
    /// back by a user), so an unchanged stamp means unchanged content without reading it.
    public struct FileStamp: Sendable, Equatable {
        let device: UInt64, inode: UInt64
        /// The size in bytes.
        public let bytes: Int64
        let modified: Int64, changed: Int64
    }

    /// The stamp of the file at `path` (following links), nil when it cannot be stat'ed.
    public static func stamp(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        func ns(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
        return FileStamp(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), bytes: Int64(st.st_size), modified: ns(st.st_mtim),
            changed: ns(st.st_ctim))
    }
}
