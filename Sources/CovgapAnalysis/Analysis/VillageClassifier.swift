import CovgapGrid
import CovgapModel
import Foundation
import GDALBridge

/// Classifies points (village centres, reported places) as white / weak / covered from a run's rasters: coverage bits
/// per scope (`CoverageBits`) and commune ids. A cell inside a commune whose bits are 0 is a total not-spot.
public struct VillageClassifier {
    let grid: AnalysisGrid
    let gridCRS: SpatialReference
    let communes: [Commune]
    let carriers: [String]
    let scopes: CarrierScopes
    let settings: VillageInput

    /// `requireCommune`: a centre outside every commune is `outside` (villages); when false it is classified all the
    /// same.
    public func classify(
        _ villages: [Village], coverBitsPath: String, communesPath: String, requireCommune: Bool = true
    ) throws -> [VillageResult] {
        let bits = try RasterDataset.open(coverBitsPath)
        let ids = try RasterDataset.open(communesPath).band(1)
        let toGrid = try CoordinateTransform(from: .wgs84(), to: gridCRS)
        let byCode = Dictionary(uniqueKeysWithValues: communes.map { ($0.code, $0.id) })
        let gt = grid.geoTransform
        let scopeCount = TechnologyScope.allCases.count
        var out: [VillageResult] = []
        for v in villages {
            let given = v.givenCommuneCode.flatMap { byCode[$0] }
            guard let p = toGrid.transform(x: v.lon, y: v.lat) else {
                out.append(outside(v, given)); continue
            }
            guard let (col, row) = grid.cell(x: p.x, y: p.y) else {
                out.append(outside(v, given)); continue
            }
            // Metres per grid unit along x and y at the village (1 on a projected grid; degrees on a lon/lat grid).
            let (sx, sy) = grid.isGeographic ? (111_320 * cos(v.lat * .pi / 180), 110_574.0) : (1.0, 1.0)
            let rx = Int((settings.weakRadiusMetres / (abs(gt.pixelWidth) * sx)).rounded(.up))
            let ry = Int((settings.weakRadiusMetres / (abs(gt.pixelHeight) * sy)).rounded(.up))
            let c0 = max(0, col - rx), r0 = max(0, row - ry)
            let window = PixelWindow(
                column: c0, row: r0, width: min(grid.width, col + rx + 1) - c0,
                height: min(grid.height, row + ry + 1) - r0)
            let communeIDs: [UInt32] = try ids.read(window)
            let centre = (row - r0) * window.width + (col - c0)
            let located = communeIDs[centre] == 0 ? nil : Int(communeIDs[centre])
            // Cells whose centres lie within the radius of the village point, inside a commune.
            var inRadius: [Int] = []
            for r in 0..<window.height {
                for c in 0..<window.width {
                    let x = gt.originX + (Double(c0 + c) + 0.5) * gt.pixelWidth,
                        y = gt.originY + (Double(r0 + r) + 0.5) * gt.pixelHeight
                    let dx = (x - p.x) * sx, dy = (y - p.y) * sy
                    let i = r * window.width + c
                    if dx * dx + dy * dy <= settings.weakRadiusMetres * settings.weakRadiusMetres, communeIDs[i] != 0 {
                        inRadius.append(i)
                    }
                }
            }
            var classes: [VillageClass?] = [], atCentre: [[String]] = [], shares: [Double?] = []
            for s in 0..<scopeCount {
                guard scopes.layerBits[s] != 0 else {
                    classes.append(nil); atCentre.append([]); shares.append(nil); continue
                }
                let b: [UInt8] = try bits.band(s + 1).read(window)
                let covering = carriers.indices.filter { b[centre] & CoverageBits.carrierMask & (1 << UInt8($0)) != 0 }
                    .map { carriers[$0] }
                let share =
                    inRadius.isEmpty ? nil : Double(inRadius.filter { b[$0] == 0 }.count) / Double(inRadius.count)
                let cls: VillageClass
                if located == nil, requireCommune {
                    cls = .outside
                } else if covering.isEmpty {
                    cls = .white
                } else if let share, share >= settings.weakShare {
                    cls = .weak
                } else {
                    cls = .covered
                }
                classes.append(cls); atCentre.append(covering); shares.append(share)
            }
            out.append(
                VillageResult(
                    village: v, communeID: given ?? located, locatedCommuneID: located, classes: classes,
                    carriersAtCentre: atCentre, notspotShare: shares))
        }
        return out
    }

    private func outside(_ v: Village, _ given: Int?) -> VillageResult {
        let n = TechnologyScope.allCases.count
        return VillageResult(
            village: v, communeID: given, locatedCommuneID: nil,
            classes: (0..<n).map { scopes.layerBits[$0] != 0 ? .outside : nil },
            carriersAtCentre: .init(repeating: [], count: n), notspotShare: .init(repeating: nil, count: n))
    }

    /// Memberwise: every stored property, in declaration order.
    public init(
        grid: AnalysisGrid, gridCRS: SpatialReference, communes: [Commune], carriers: [String], scopes: CarrierScopes,
        settings: VillageInput
    ) {
        self.grid = grid
        self.gridCRS = gridCRS
        self.communes = communes
        self.carriers = carriers
        self.scopes = scopes
        self.settings = settings
    }
}
