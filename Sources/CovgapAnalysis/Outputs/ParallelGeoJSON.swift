import CovgapSupport
import Foundation
import GDALBridge

/// Writes a large GeoJSON FeatureCollection with GDAL's GeoJSON driver on several threads: the features are cut into
/// runs of `chunk`, each run is written by its own GDAL dataset (same driver, same options) into a part file, and the
/// parts' feature lines are spliced in order under the first part's header. GDAL writes one feature per line, so the
/// result is byte-identical to one dataset writing every feature (a test holds it to that); a part whose layout is not
/// that (another GDAL version) is refused before anything reaches `path`, and the caller then writes serially.
public enum ParallelGeoJSON {
    /// Features per part: large enough that a part's header costs nothing, small enough to balance two to eight
    /// workers.
    public static let chunk = 4096

    /// Writes `count` features to `path`: `write(range, partPath)` writes features `range` as a complete GeoJSON file
    /// (one GDAL dataset). One thread, or one part, writes `path` directly.
    public static func write(
        count: Int, threads: Int, to path: String, chunk: Int = ParallelGeoJSON.chunk,
        _ write: @escaping @Sendable (Range<Int>, String) throws -> Void
    ) throws {
        let ranges = stride(from: 0, to: count, by: chunk).map { $0..<min($0 + chunk, count) }
        guard threads > 1, ranges.count > 1 else { return try write(0..<count, path) }
        let parts = ranges.indices.map { "\(path).part\($0)" }
        defer { for p in parts { try? FileManager.default.removeItem(atPath: p) } }
        _ = try ParallelTiles.run(
            tileCount: ranges.count, threads: threads, makeWorker: { _ in () },
            body: { _, k in try write(ranges[k], parts[k]) })
        do { try splice(parts, to: path) } catch is LayoutError {
            // Not the layout this splice knows: the serial writer is always right.
            try write(0..<count, path)
        }
    }

    struct LayoutError: Error {}

    private static let featuresOpen = Data("\"features\": [\n".utf8)
    private static let footer = Data("\n]\n}\n".utf8)
    private static let separator = Data(",\n".utf8)

    /// Joins the parts' features under the first part's header; throws `LayoutError` (writing nothing) unless every
    /// part is `header "features": [\n` + features + `\n]\n}\n` with the same header. Parts are copied in blocks:
    /// memory stays flat whatever their size.
    static func splice(_ parts: [String], to path: String) throws {
        var header: Data?
        var bodies: [(offset: UInt64, count: UInt64)] = []
        for p in parts {
            guard let file = FileHandle(forReadingAtPath: p) else { throw InternalError("cannot read \(p)") }
            defer { try? file.close() }
            let size = try file.seekToEnd()
            try file.seek(toOffset: 0)
            // The header is short: GDAL writes it before the first feature.
            let start = try file.read(upToCount: 4096) ?? Data()
            guard let open = start.range(of: featuresOpen) else { throw LayoutError() }
            let head = start[start.startIndex..<open.upperBound]
            if let header, header != head { throw LayoutError() }
            header = header ?? Data(head)
            let bodyStart = UInt64(open.upperBound - start.startIndex)
            guard size >= bodyStart + UInt64(footer.count) else { throw LayoutError() }
            try file.seek(toOffset: size - UInt64(footer.count))
            guard try file.readToEnd() == footer else { throw LayoutError() }
            bodies.append((bodyStart, size - UInt64(footer.count) - bodyStart))
        }
        guard let header else { throw LayoutError() }
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path)
        else {
            throw InternalError("cannot write \(path)")
        }
        defer { try? out.close() }
        try out.write(contentsOf: header)
        for (k, body) in bodies.enumerated() {
            if k > 0 { try out.write(contentsOf: separator) }
            guard let file = FileHandle(forReadingAtPath: parts[k]) else {
                throw InternalError("cannot read \(parts[k])")
            }
            defer { try? file.close() }
            try file.seek(toOffset: body.offset)
            var left = body.count
            while left > 0 {
                let block = try file.read(upToCount: Int(min(left, 1 << 22))) ?? Data()
                guard !block.isEmpty else { throw InternalError("\(parts[k]) ended early") }
                try out.write(contentsOf: block)
                left -= UInt64(block.count)
            }
        }
        try out.write(contentsOf: footer)
    }
}
