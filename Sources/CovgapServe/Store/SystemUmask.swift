import Foundation

/// The process's file-creation mask, narrowed while the store's files are created so they are never readable by
/// others, even for the moment before their permissions are set.
enum SystemUmask {
    /// Sets the mask to 077 and returns the previous one.
    static func restrict() -> mode_t { umask(0o077) }

    /// Puts back the mask `restrict` returned.
    static func restore(_ previous: mode_t) { _ = umask(previous) }
}
