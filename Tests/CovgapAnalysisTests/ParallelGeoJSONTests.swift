import CovgapTestSupport
@testable import CovgapAnalysis
import Foundation
import GDALBridge
import Testing

/// The parallel GeoJSON writer against GDAL writing every feature through one dataset: byte-identical files whatever
/// the thread count and the run length, and a refused splice when a part is not in the layout it knows.
@Suite struct ParallelGeoJSONTests {
    /// Features `range` of a fixed set (polygons in UTM 48N with text, real and missing fields) written by GDAL's
    /// GeoJSON driver with the options dead_zones.geojson uses.
    private static func write(_ range: Range<Int>, to path: String) throws {
        let ds = try VectorDataset.create(driver: "GeoJSON", path: path)
        let layer = try ds.createLayer(
            name: "zones", srs: try SpatialReference(userInput: "EPSG:32648"), geometry: .multiPolygon,
            options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7"])
        try layer.createField("id", type: .string)
        try layer.createField("km", type: .real)
        for i in range {
            let f = layer.makeFeature()
            f.set(0, "Z-\(i) \"ngõ\", line\nbreak")
            f.set(1, i % 3 == 0 ? nil : Double(i) / 7)
            let x = 500_000.0 + Double(i) * 130, y = 2_300_000.0
            // Clockwise in the source: RFC 7946 output must turn it.
            f.setGeometry(
                try Geometry(
                    wkt: "POLYGON ((\(x) \(y), \(x) \(y + 100), \(x + 100) \(y + 100), \(x + 100) \(y), \(x) \(y)))"))
            try layer.add(f)
        }
    }

    @Test(arguments: [(23, 4, 2), (23, 5, 3), (4096 + 7, 4096, 2), (10, 10, 2), (0, 3, 2)])
    func partsSpliceToTheSerialFile(count: Int, chunk: Int, threads: Int) throws {
        GDALRuntime.initialize()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgj-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.write(0..<count, to: dir + "/serial.geojson")
        try ParallelGeoJSON.write(count: count, threads: threads, to: dir + "/parallel.geojson", chunk: chunk) {
            range, part in
            try Self.write(range, to: part)
        }
        let serial = try Data(contentsOf: URL(fileURLWithPath: dir + "/serial.geojson"))
        let parallel = try Data(contentsOf: URL(fileURLWithPath: dir + "/parallel.geojson"))
        #expect(serial == parallel)
        // No part file is left beside the output.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["parallel.geojson", "serial.geojson"])
        // And the file is what GDAL reads back: every feature.
        let back = try VectorDataset.open(dir + "/parallel.geojson")
        #expect(try back.layer(named: nil).featureCount == count)
    }

    @Test func aPartInAnotherLayoutIsRefusedBeforeWriting() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgj-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{ \"a\": 1 }\n]\n}\n"
        let bad = "{\"type\":\"FeatureCollection\",\"features\":[{\"a\":2}]}"
        try good.write(toFile: dir + "/p0", atomically: true, encoding: .utf8)
        try bad.write(toFile: dir + "/p1", atomically: true, encoding: .utf8)
        #expect(throws: ParallelGeoJSON.LayoutError.self) {
            try ParallelGeoJSON.splice([dir + "/p0", dir + "/p1"], to: dir + "/out")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        try good.write(toFile: dir + "/p1", atomically: true, encoding: .utf8)
        try ParallelGeoJSON.splice([dir + "/p0", dir + "/p1"], to: dir + "/out")
        #expect(
            try String(contentsOfFile: dir + "/out", encoding: .utf8)
                == "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{ \"a\": 1 },\n{ \"a\": 1 }\n]\n}\n")
    }
}
