import CovgapTestSupport
@testable import CovgapModel
@testable import CovgapSupport
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    let minimal = """
        output: out
        boundaries: {path: communes.geojson}
        coverage:
          - {carrier: viettel, technology: 4G, path: v4.tif, values: rsrp_dbm}
          - {carrier: viettel, technology: 3G, path: /abs/v3.tif, values: rscp_dbm, nodata: unknown}
        """

    @Test func fillsDocumentedDefaultsAndResolvesPaths() throws {
        let c = try ConfigLoader.parse(minimal, path: "/data/run/config.yaml")
        #expect(c.output == "/data/run/out")
        #expect(c.boundaries.path == "/data/run/communes.geojson")
        #expect(c.boundaries.communeCodeField == "code" && c.boundaries.provinceCodeField == "provinceCode")
        #expect(c.coverage[0].thresholdDbm == -105 && c.coverage[1].thresholdDbm == -100)
        #expect(c.coverage[0].noData == .uncovered && c.coverage[1].noData == .unknown)
        #expect(c.coverage[0].resampling == "near" && c.coverage[1].path == "/abs/v3.tif")
        #expect(c.grid.resolutionMetres == 100 && c.grid.crs == "auto" && c.minDeadZoneAreaKm2 == 0.05)
        #expect(c.carriers == ["viettel"])
    }

    private func error(_ text: String) -> String {
        do {
            _ = try ConfigLoader.parse(text, path: "/c.yaml")
            return ""
        } catch { return "\(error)" }
    }

    @Test func namesCarriersAsPeopleKnowThem() throws {
        #expect(try ConfigLoader.parse(minimal, path: "/c.yaml").displayName("viettel") == "Viettel")
        let named = try ConfigLoader.parse(
            minimal + "\ncarrier_names: {viettel: Tập đoàn Viettel}\n", path: "/c.yaml")
        #expect(named.displayName("viettel") == "Tập đoàn Viettel" && named.displayName("other") == "other")
        #expect(error(minimal + "\ncarrier_names: {vinaphone: VinaPhone}\n").contains("unknown key 'vinaphone'"))
    }

    @Test func writesPathsRelativeToTheRunAndReadsThemBack() throws {
        let c = try ConfigLoader.parse(minimal, path: "/data/run/config.yaml")
        let written = c.mappingPaths { RelativePath.of($0, from: "/data/run/out") }
        #expect(written.boundaries.path == "../communes.geojson" && written.coverage[1].path == "../../../abs/v3.tif")
        #expect(written.output == "." && written.configPath == "../config.yaml")
        let read = written.mappingPaths { RelativePath.resolve($0, against: "/moved/run/out") }
        #expect(read.boundaries.path == "/moved/run/communes.geojson" && read.output == "/moved/run/out")
        // An older manifest's absolute paths, and GDAL's virtual paths, are read as they are.
        let old = c.mappingPaths { RelativePath.resolve($0, against: "/moved/run/out") }
        #expect(old.boundaries.path == "/data/run/communes.geojson")
        #expect(RelativePath.of("/vsizip/a.zip/b.shp", from: "/x") == "/vsizip/a.zip/b.shp")
    }

    @Test func refusesUnknownKeysWithTheirLine() {
        let e = error(minimal + "\ngrid: {resolution: 50}\n")
        #expect(e.contains("unknown key 'resolution'") && e.contains("line 6") && e.contains("/c.yaml"))
    }

    @Test func refusesAThresholdWithNoValueKind() {
        let e = error(
            "output: o\nboundaries: {path: b}\ncoverage:\n"
                + "  - {carrier: x, technology: 4G, path: p, threshold_dbm: -100}\n"
        )
        #expect(e.contains("threshold_dbm is given but not what the values are"))
    }

    @Test func refusesWrongUnitsAndTypes() {
        #expect(
            error(
                minimal.replacingOccurrences(
                    of: "4G, path: v4.tif, values: rsrp_dbm", with: "3G, path: v4.tif, values: rsrp_dbm")
            )
            .contains("does not describe a 3G layer"))
        #expect(error(minimal + "\ndead_zones: {min_area_km2: lots}\n").contains("must be a number"))
        #expect(
            error(minimal.replacingOccurrences(of: "values: rsrp_dbm", with: "values: rsrp_dbm, threshold_dbm: 20"))
                .contains("outside"))
        #expect(error("output: o\ncoverage: []\n").contains("missing section 'boundaries'"))
        #expect(
            error(minimal + "\n  - {carrier: viettel, technology: 4G, path: again.tif, values: rsrp_dbm}\n")
                .contains("two 4G layers"))
    }

    @Test func keepsProvinceCodesAsText() throws {
        let c = try ConfigLoader.parse(minimal + "\n", path: "/c.yaml")
        #expect(c.boundaries.provinces == nil)
        let d = try ConfigLoader.parse(
            minimal.replacingOccurrences(
                of: "{path: communes.geojson}", with: "{path: c.geojson, provinces: [04, \"11\"]}"), path: "/c.yaml")
        #expect(d.boundaries.provinces == ["04", "11"])
    }
}

@Suite struct SHA256Tests {
    /// FIPS 180-4 test vectors.
    @Test func matchesPublishedVectors() {
        var a = SHA256()
        a.update(Array("abc".utf8))
        #expect(a.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var b = SHA256()
        b.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(b.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// Against coreutils' sha256sum on 1 MB (plus a ragged tail) of random bytes, fed in one piece, in ragged pieces
    /// that straddle blocks, and from a file.
    @Test func matchesSha256sumWhateverThePieces() throws {
        var g = Mutator(seed: 180)  // seeded
        let bytes = (0..<(1 << 20) + 37).map { _ in UInt8.random(in: 0...255, using: &g) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let expected = String(try ExternalTools.run("sha256sum", [path]).prefix(64))
        #expect(SHA256.hex(bytes) == expected)
        #expect(SHA256.hex(Data(bytes)) == expected)
        #expect(SHA256.file(path) == expected)
        var h = SHA256()
        var i = 0
        var step = 1
        while i < bytes.count {
            let j = min(bytes.count, i + step)
            h.update(bytes[i..<j])
            i = j
            step = step * 3 % 199 + 1
        }
        #expect(h.hexDigest() == expected)
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
