import Foundation

/// Diffraction loss from one transmitter to the ground around it, computed along radials: N radials spaced so that
/// neighbours lie one step apart at the range, each sampled every step, each sample's loss taken over the profile from
/// the transmitter to it. A cell takes the loss of the nearest radial sample; free space is added at the cell's own
/// distance. Only the samples that some cell of a given rectangle takes are computed (near the transmitter many
/// radials share a cell, so about half of them), so tiles share no state and every tile computes a sample the same
/// way (the result does not depend on the tiling).
public struct RadialLoss: Sendable {
    /// A transmitter in the grid's projected CRS (metres).
    public struct Transmitter: Sendable {
        public let x: Double, y: Double
        /// Antenna height above the ground at its foot, metres.
        public let aboveGround: Double

        /// A transmitter at (x, y), `aboveGround` metres up.
        public init(x: Double, y: Double, aboveGround: Double) {
            self.x = x
            self.y = y
            self.aboveGround = aboveGround
        }
    }

    /// A rectangle in the grid's CRS.
    public struct Rect: Sendable {
        public let minX: Double, minY: Double, maxX: Double, maxY: Double

        /// The rectangle between the two corners.
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }
    }

    let transmitter: Transmitter
    let diffraction: Diffraction
    let step: Double, range: Double
    let radials: Int, samples: Int
    let firstRadial: Int, radialCount: Int, firstSample: Int, lastSample: Int
    /// Diffraction loss (dB) per computed radial and sample, radial-major.
    var table: [Float]
    /// Each point the sweep was made for: its distance, and its sample's table slot (−1 within two steps of the
    /// transmitter, where no profile lies between).
    private var placed: [(distance: Double, slot: Int32)] = []

    /// The loss from `transmitter` to each cell of `rect` (square cells of `cellSize` from its top-left corner)
    /// within `rangeMetres`, over `ground`, with the receiver `rxAboveGround` metres up and samples every
    /// `stepMetres`.
    public init(
        transmitter: Transmitter, ground: HeightGrid, diffraction: Diffraction, rxAboveGround: Double,
        rangeMetres: Double, stepMetres: Double, serving rect: Rect, cellSize: Double
    ) {
        let columns = Int(((rect.maxX - rect.minX) / cellSize).rounded())
        let rows = Int(((rect.maxY - rect.minY) / cellSize).rounded())
        var centres: [(x: Double, y: Double)] = []
        centres.reserveCapacity(rows * columns)
        for r in 0..<rows {
            let y = rect.maxY - (Double(r) + 0.5) * cellSize
            for c in 0..<columns { centres.append((rect.minX + (Double(c) + 0.5) * cellSize, y)) }
        }
        self.init(
            transmitter: transmitter, ground: ground, diffraction: diffraction, rxAboveGround: rxAboveGround,
            rangeMetres: rangeMetres, stepMetres: stepMetres, points: centres,
            sector: { radials, samples in
                RadialLoss.sector(of: rect, from: transmitter, radials: radials, step: stepMetres, samples: samples)
            })
    }

    /// The loss from `transmitter` to each of `points` within `rangeMetres` (and to no other point).
    public init(
        transmitter: Transmitter, ground: HeightGrid, diffraction: Diffraction, rxAboveGround: Double,
        rangeMetres: Double, stepMetres: Double, points: [(x: Double, y: Double)]
    ) {
        var far = 0.0
        for p in points {
            let dx = p.x - transmitter.x, dy = p.y - transmitter.y
            far = max(far, (dx * dx + dy * dy).squareRoot())
        }
        self.init(
            transmitter: transmitter, ground: ground, diffraction: diffraction, rxAboveGround: rxAboveGround,
            rangeMetres: rangeMetres, stepMetres: stepMetres, points: points,
            sector: { radials, samples in (0, radials, 0, min(samples, Int(far / stepMetres) + 2)) })
    }

    /// Sizes the table for `sector` (first radial, radial count, first sample, last sample) and computes the samples
    /// that `points` take.
    private init(
        transmitter: Transmitter, ground: HeightGrid, diffraction: Diffraction, rxAboveGround: Double,
        rangeMetres: Double, stepMetres: Double, points: [(x: Double, y: Double)],
        sector: (_ radials: Int, _ samples: Int) -> (Int, Int, Int, Int)
    ) {
        self.transmitter = transmitter
        self.diffraction = diffraction
        step = stepMetres
        range = rangeMetres
        radials = max(16, Int((2 * Double.pi * rangeMetres / stepMetres).rounded(.up)))
        samples = max(1, Int((rangeMetres / stepMetres).rounded(.up)))
        (firstRadial, radialCount, firstSample, lastSample) = sector(radials, samples)
        table = [Float](repeating: .nan, count: radialCount * (lastSample - firstSample + 1))
        var needed = [Bool](repeating: false, count: table.count)
        placed.reserveCapacity(points.count)
        for p in points {
            let at = sample(x: p.x, y: p.y)
            if let slot = at?.slot { needed[slot] = true }
            placed.append((at?.distance ?? .infinity, Int32(at?.slot ?? -1)))
        }
        fill(ground: ground, rxAboveGround: rxAboveGround, needed: needed)
    }

    /// Total basic transmission loss (dB) at the `k`-th of the points the sweep was made for (for a rectangle, its
    /// cells row by row from the top-left): free space at the true distance plus the diffraction of the nearest
    /// radial sample; nil beyond the range.
    public func loss(point k: Int, minimumMetres: Double) -> Double? {
        let p = placed[k]
        guard p.distance <= range else { return nil }
        let freeSpace = diffraction.freeSpace(distanceKm: max(p.distance, minimumMetres) / 1000)
        return p.slot < 0 ? freeSpace : freeSpace + Double(table[Int(p.slot)])
    }

    /// The same at (x, y), which must be one of the points (or a cell centre of the rectangle).
    public func loss(x: Double, y: Double, minimumMetres: Double) -> Double? {
        guard let (d, slot) = sample(x: x, y: y) else { return nil }
        let freeSpace = diffraction.freeSpace(distanceKm: max(d, minimumMetres) / 1000)
        guard let slot else { return freeSpace }
        precondition(!table[slot].isNaN, "RadialLoss: (\(x), \(y)) is not the centre of a cell of the rectangle")
        return freeSpace + Double(table[slot])
    }

    /// The distance to (x, y) and the table slot of its nearest radial sample (nil within two steps of the
    /// transmitter, where no profile lies between); nil beyond the range.
    private func sample(x: Double, y: Double) -> (distance: Double, slot: Int?)? {
        let dx = x - transmitter.x, dy = y - transmitter.y
        let d = (dx * dx + dy * dy).squareRoot()
        guard d <= range else { return nil }
        let j = min(Int((d / step).rounded()), samples)
        guard j >= 2 else { return (d, nil) }
        var angle = atan2(dy, dx)
        if angle < 0 { angle += 2 * Double.pi }
        let k = Int((angle / (2 * Double.pi) * Double(radials)).rounded()) % radials
        let offset = (k - firstRadial + radials) % radials
        precondition(offset < radialCount && j >= firstSample && j <= lastSample, "RadialLoss: cell outside its rect")
        return (d, offset * (lastSample - firstSample + 1) + j - firstSample)
    }

    /// Samples the profile of each radial some cell takes and sweeps the loss along it to the samples cells take.
    private mutating func fill(ground: HeightGrid, rxAboveGround: Double, needed: [Bool]) {
        var heights = [Float](repeating: 0, count: lastSample + 1)
        let width = lastSample - firstSample + 1
        let sweep = ProfileSweep(diffraction: diffraction, stepKm: step / 1000, capacity: lastSample)
        for r in 0..<radialCount {
            guard let lastNeeded = (0..<width).last(where: { needed[r * width + $0] }) else { continue }
            let last = firstSample + lastNeeded
            let k = (firstRadial + r) % radials
            let angle = 2 * Double.pi * Double(k) / Double(radials)
            let (ux, uy) = (cos(angle) * step, sin(angle) * step)
            for j in 0...last {
                heights[j] = ground.sample(x: transmitter.x + Double(j) * ux, y: transmitter.y + Double(j) * uy)
            }
            heights.withUnsafeBufferPointer { h in
                needed.withUnsafeBufferPointer { n in
                    table.withUnsafeMutableBufferPointer { t in
                        sweep.losses(
                            heights: h, first: firstSample, last: last, txAboveGround: transmitter.aboveGround,
                            rxAboveGround: rxAboveGround, into: UnsafeMutableBufferPointer(rebasing: t[(r * width)...]),
                            only: UnsafeBufferPointer(rebasing: n[(r * width)...]))
                    }
                }
            }
        }
    }

    /// The radials (first, count) and samples (first, last) that the cells of `rect` map to, with one of margin.
    static func sector(
        of rect: Rect, from t: Transmitter, radials: Int, step: Double, samples: Int
    ) -> (Int, Int, Int, Int) {
        let corners = [(rect.minX, rect.minY), (rect.maxX, rect.minY), (rect.minX, rect.maxY), (rect.maxX, rect.maxY)]
        let far = corners.map { (($0.0 - t.x) * ($0.0 - t.x) + ($0.1 - t.y) * ($0.1 - t.y)).squareRoot() }.max()!
        let nx = min(max(t.x, rect.minX), rect.maxX), ny = min(max(t.y, rect.minY), rect.maxY)
        let near = ((nx - t.x) * (nx - t.x) + (ny - t.y) * (ny - t.y)).squareRoot()
        let firstSample = max(0, Int(near / step) - 1), lastSample = min(samples, Int(far / step) + 2)
        if near <= 2 * step { return (0, radials, firstSample, lastSample) }
        let centre = atan2((rect.minY + rect.maxY) / 2 - t.y, (rect.minX + rect.maxX) / 2 - t.x)
        var lo = Double.infinity, hi = -Double.infinity
        for (x, y) in corners {
            var delta = atan2(y - t.y, x - t.x) - centre
            while delta > Double.pi { delta -= 2 * Double.pi }
            while delta < -Double.pi { delta += 2 * Double.pi }
            lo = min(lo, delta)
            hi = max(hi, delta)
        }
        let perRadian = Double(radials) / (2 * Double.pi)
        let first = Int(((centre + lo) * perRadian).rounded(.down)) - 1
        let last = Int(((centre + hi) * perRadian).rounded(.up)) + 1
        let count = min(last - first + 1, radials)
        return (((first % radials) + radials) % radials, count, firstSample, lastSample)
    }
}
