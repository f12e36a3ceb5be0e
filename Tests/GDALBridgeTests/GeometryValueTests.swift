import GDALBridge
import Testing

/// The bridge's geometry values and grid arithmetic, against hand-written bytes and hand-computed cells.
@Suite struct GeometryValueTests {
    /// POINT (1 2) in ISO WKB, little-endian, written out by hand from the OGC simple-features layout: byte order 1,
    /// type 1 (UInt32), then x and y as IEEE-754 doubles (1.0 = 0x3FF0…, 2.0 = 0x4000…).
    @Test func pointWKBIsTheSpecsBytes() throws {
        GDALRuntime.initialize()
        let expected: [UInt8] = [1, 1, 0, 0, 0] + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F] + [0, 0, 0, 0, 0, 0, 0, 0x40]
        #expect(Geometry(pointX: 1, y: 2).wkb.bytes == expected)
        #expect(try Geometry(WKBGeometry(bytes: expected)).wkt == "POINT (1 2)")
    }

    /// A multipolygon with a hole and coordinates that are not short in binary survives the round trip bit for bit.
    @Test func multipolygonRoundTripKeepsEveryBit() throws {
        GDALRuntime.initialize()
        let wkt =
            "MULTIPOLYGON (((0.1 0.2,10.3 0.2,10.3 10.7,0.1 10.7,0.1 0.2),(2 2,3 2,3 3,2 2)),((20 20,21 20,21 21,20 20)))"
        let g = try Geometry(wkt: wkt)
        let back = try Geometry(g.wkb)
        #expect(back.wkt == g.wkt)
        #expect(back.wkb == g.wkb)
        #expect(back.planarArea == g.planarArea)
    }

    @Test func bytesThatAreNotWKBAreRefused() {
        GDALRuntime.initialize()
        #expect(throws: (any Error).self) { try Geometry(WKBGeometry(bytes: [1, 1, 0, 0])) }
        #expect(throws: (any Error).self) { try Geometry(WKBGeometry(bytes: [])) }
    }

    /// A 100 m north-up grid whose top-left corner is (1000, 5000): cells counted by hand; a point on a cell's left or
    /// top edge belongs to that cell.
    @Test func cellOfAPointOnANorthUpGrid() {
        let gt = GeoTransform(originX: 1000, pixelWidth: 100, originY: 5000, pixelHeight: -100)
        #expect(gt.cell(x: 1000, y: 5000)! == (0, 0))
        #expect(gt.cell(x: 1099.999, y: 4900.001)! == (0, 0))
        #expect(gt.cell(x: 1100, y: 4900)! == (1, 1))
        #expect(gt.cell(x: 999, y: 5001)! == (-1, -1))
        #expect(gt.cell(x: 1250, y: 4650)! == (2, 3))
        #expect(gt.pixel(x: 1250, y: 4650) == (2.5, 3.5))
        #expect(gt.cell(x: .nan, y: 0) == nil && gt.cell(x: .infinity, y: 0) == nil && gt.cell(x: 1e300, y: 0) == nil)
    }

    /// A rotated grid: `pixel` undoes `apply`; a singular transform has no inverse.
    @Test func rotatedGridInvertsAndSingularHasNone() {
        let gt = GeoTransform(
            originX: 500, pixelWidth: 30, rowRotation: 4, originY: 900, columnRotation: -3,
            pixelHeight: -25)
        let xy = gt.apply(column: 7.25, row: 3.5)
        let back = gt.pixel(x: xy.x, y: xy.y)
        #expect(abs(back.column - 7.25) < 1e-9 && abs(back.row - 3.5) < 1e-9)
        #expect(GeoTransform(originX: 0, pixelWidth: 0, originY: 0, pixelHeight: -1).inverse == nil)
    }
}
