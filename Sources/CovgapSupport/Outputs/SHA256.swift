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

    /// Whether the SHA-256 of `bytes` is the digest written as `hex` (64 hex digits), compared in constant time by
    /// swift-crypto's `Digest ==` (which also refuses a digest of another length). Malformed hex never matches.
    public static func matches(_ bytes: some Sequence<UInt8>, hex: String) -> Bool {
        guard let expected = decodeHex(hex) else { return false }
        return Crypto.SHA256.hash(data: Array(bytes)) == expected
    }

    /// Bytes from hex digits (either case), nil when the text is not an even run of them.
    static func decodeHex(_ text: String) -> [UInt8]? {
        let b = Array(text.utf8)
        guard b.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x57
            case 0x41...0x46: c - 0x37
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 2)
        for i in stride(from: 0, to: b.count, by: 2) {
            guard let hi = nibble(b[i]), let lo = nibble(b[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
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
