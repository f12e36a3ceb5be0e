import Foundation
import Testing

@testable import CovgapTerrain

/// The radial sweep: the same loss as the direct profile calculation, whatever rectangle it serves.
@Suite struct RadialLossTests {
    let diffraction = Diffraction(frequencyMHz: 1800)
    let site = RadialLoss.Transmitter(x: 5000, y: 5000, aboveGround: 30)
    let whole = RadialLoss.Rect(minX: 0, minY: 0, maxX: 10000, maxY: 10000)

    /// A 10 × 10 km grid of 100 m cells, flat at 50 m but for a 400 m wall 2 km east of the site.
    func ground(wall: Bool) -> HeightGrid {
        let values = (0..<10000).map { i -> Float in wall && (i % 100) == 70 ? 400 : 50 }
        return HeightGrid(values: values, width: 100, height: 100, originX: 0, originY: 10000, cellSize: 100)
    }

    func sweep(_ ground: HeightGrid, serving rect: RadialLoss.Rect) -> RadialLoss {
        RadialLoss(
            transmitter: site, ground: ground, diffraction: diffraction, rxAboveGround: 1.5, rangeMetres: 4900,
            stepMetres: 100, serving: rect, cellSize: 100)
    }

    /// Over flat ground every cell gets free space at its distance plus the loss over its own flat profile.
    @Test func flatGroundMatchesTheDirectProfile() throws {
        let loss = sweep(ground(wall: false), serving: whole)
        for (x, y) in [(5050.0, 8950.0), (1250, 5050), (7750, 2150), (5350, 5050)] {
            let d = ((x - 5000) * (x - 5000) + (y - 5000) * (y - 5000)).squareRoot()
            let n = Int((d / 100).rounded())
            let flat = [Float](repeating: 50, count: n + 1)
            let direct = flat.withUnsafeBufferPointer {
                diffraction.loss(heights: $0, count: n, stepKm: 0.1, txAboveGround: 30, rxAboveGround: 1.5)
            }
            let got = try #require(loss.loss(x: x, y: y, minimumMetres: 50))
            #expect(abs(got - (diffraction.freeSpace(distanceKm: d / 1000) + direct)) < 1e-3)
        }
        #expect(loss.loss(x: 9950, y: 9950, minimumMetres: 50) == nil)
    }

    /// A cell's loss does not depend on the rectangle the sweep was made for (tiles agree with the whole).
    @Test func tilesAgreeWithTheWhole() throws {
        let g = ground(wall: true)
        let all = sweep(g, serving: whole)
        for rect in [
            RadialLoss.Rect(minX: 7000, minY: 3000, maxX: 8000, maxY: 4000),
            RadialLoss.Rect(minX: 2000, minY: 6000, maxX: 5500, maxY: 9000),
            RadialLoss.Rect(minX: 4000, minY: 4000, maxX: 6000, maxY: 6000),
        ] {
            let part = sweep(g, serving: rect)
            var k = 0  // the rectangle's cells row by row from the top-left: the sweep's points in order
            for y in stride(from: rect.maxY - 50, to: rect.minY, by: -100) {
                for x in stride(from: rect.minX + 50, to: rect.maxX, by: 100) {
                    let whole = all.loss(x: x, y: y, minimumMetres: 50)
                    #expect(part.loss(x: x, y: y, minimumMetres: 50) == whole)
                    #expect(part.loss(point: k, minimumMetres: 50) == whole)
                    k += 1
                }
            }
        }
    }

    /// Behind the wall the loss exceeds the same distance on the open side by tens of dB.
    @Test func wallCastsAShadow() throws {
        let loss = sweep(ground(wall: true), serving: whole)
        let behind = try #require(loss.loss(x: 8550, y: 5050, minimumMetres: 50))
        let open = try #require(loss.loss(x: 1450, y: 5050, minimumMetres: 50))
        #expect(behind - open > 30)
    }
}
