import CGDAL
import Foundation

/// File-system operations that need a C call Foundation lacks.
public enum FileSwap {
    /// Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE); false where the kernel lacks it.
    public static func exchange(_ a: String, _ b: String) -> Bool { covgap_rename_exchange(a, b) == 0 }
}
