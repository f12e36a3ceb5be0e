import Crypto
import Foundation

/// SHA-256 as lowercase hex, computed by swift-crypto: of files (manifests, output ledgers, published runs) and of
/// bytes (token and session hashes, upload digests, ETags).
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    /// An empty hash, to feed with `update`.
    public init() {}

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: some Sequence<UInt8>) { hasher.update(data: Array(bytes)) }

    /// The digest of everything added, as 64 lowercase hex digits.
    public func hexDigest() -> String { SHA256.hex(digest: hasher.finalize()) }

    /// SHA-256 of a file's bytes, nil when it cannot be read.
    public static func file(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = Crypto.SHA256()
        do {
            // nil or empty: the end of the file; a thrown error: it cannot be read.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        } catch { return nil }
        return hex(digest: hasher.finalize())
    }

    /// SHA-256 of bytes in memory, as 64 lowercase hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(digest: Crypto.SHA256.hash(data: Array(bytes)))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(digest: Crypto.SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
